package dev.evolve.engine.db;

import java.time.Instant;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Kernel-shaped programs made up for database tests and the database benchmark
 * ({@code dev.evolve.tools.db.DatabaseBenchmark}, whose module compiles this file too).
 */
public final class SyntheticPrograms {

    private SyntheticPrograms() {
    }

    /**
     * A kernel-shaped class of about 3 KB whose loop nesting, Vector API and parallel-stream use vary with
     * {@code rnd}, unique by {@code index}, measured with a random score.
     */
    public static ProgramRecord program(int index, int island, String parentId, RandomGenerator rnd) {
        String source = source(index, rnd);
        return new ProgramRecord(SourceHash.of(source), parentId, source, island, index, "synthetic",
                ProgramRecord.MEASURED, "", 0.5 + rnd.nextDouble() * 10, rnd.nextDouble() * 50, 1_000_000,
                Map.of(), Instant.EPOCH.plusSeconds(index));
    }

    public static String source(int index, RandomGenerator rnd) {
        int depth = 1 + rnd.nextInt(4);
        boolean vector = rnd.nextBoolean();
        boolean parallel = rnd.nextInt(4) == 0;
        int helpers = 4 + rnd.nextInt(8);
        StringBuilder sb = new StringBuilder();
        sb.append("import java.util.stream.IntStream;\n")
          .append("import jdk.incubator.vector.DoubleVector;\n")
          .append("import jdk.incubator.vector.VectorSpecies;\n\n")
          .append("/** Variant ").append(index).append(". */\n")
          .append("public final class Matmul implements dev.evolve.kernels.matmul.MatmulKernel {\n")
          .append("    // EVOLVE-BLOCK-START\n")
          .append("    private static final int TILE = ").append(index).append(";\n");
        if (vector) {
            sb.append("    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;\n");
        }
        sb.append("    @Override\n    public void multiply(double[] a, double[] b, double[] c, int n) {\n");
        if (parallel) {
            sb.append("        IntStream.range(0, n).parallel().forEach(i0 -> {\n");
        }
        String[] vars = {"i", "j", "k", "t"};
        for (int d = 0; d < depth; d++) {
            sb.append("    ".repeat(d + 2)).append("for (int ").append(vars[d]).append(" = 0; ").append(vars[d])
              .append(" < n; ").append(vars[d]).append("++) {\n");
        }
        sb.append("    ".repeat(depth + 2)).append("c[i] += a[i] * b[i] + TILE;\n");
        for (int d = depth - 1; d >= 0; d--) {
            sb.append("    ".repeat(d + 2)).append("}\n");
        }
        if (parallel) {
            sb.append("        });\n");
        }
        sb.append("    }\n");
        for (int h = 0; h < helpers; h++) {
            sb.append("\n    /** Helper ").append(h).append(" packs a block of B for the micro-kernel. */\n")
              .append("    private static void pack").append(h)
              .append("(double[] src, double[] dst, int n, int row0, int col0) {\n")
              .append("        for (int r = 0; r < Math.min(TILE, n - row0); r++) {\n")
              .append("            System.arraycopy(src, (row0 + r) * n + col0, dst, r * TILE, Math.min(TILE, n));\n")
              .append("        }\n    }\n");
        }
        sb.append("    // EVOLVE-BLOCK-END\n}\n");
        return sb.toString();
    }
}
