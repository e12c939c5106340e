package dev.evolve.engine.db;

import java.time.Instant;
import java.util.Map;

/** Small, distinct kernel sources and records for the database tests. */
final class TestPrograms {

    private TestPrograms() {}

    /** A kernel with {@code depth} nested loops (1..4) whose constant {@code variant} makes it distinct. */
    static String source(int depth, int variant) {
        StringBuilder sb = new StringBuilder("class K {\n  void run(double[] c, int n) {\n");
        String[] v = {"i", "j", "k", "l"};
        for (int d = 0; d < depth; d++) {
            sb.append("  ".repeat(d + 2)).append("for (int ").append(v[d]).append(" = 0; ").append(v[d])
              .append(" < n; ").append(v[d]).append("++) {\n");
        }
        sb.append("  ".repeat(depth + 2)).append("c[0] += ").append(variant).append(";\n");
        for (int d = depth - 1; d >= 0; d--) {
            sb.append("  ".repeat(d + 2)).append("}\n");
        }
        return sb.append("  }\n}\n").toString();
    }

    static ProgramRecord measured(int depth, int variant, double score, int island) {
        String s = source(depth, variant);
        return new ProgramRecord(SourceHash.of(s), null, s, island, variant, "test", ProgramRecord.MEASURED, "",
                score, score * 2, 1000, Map.of("x", 1.0), Instant.ofEpochSecond(variant));
    }

    static ProgramRecord failed(int depth, int variant, String status, int island) {
        String s = source(depth, variant);
        return new ProgramRecord(SourceHash.of(s), null, s, island, variant, "test", status, "it failed", 0, 0, 0,
                Map.of(), Instant.ofEpochSecond(variant));
    }

    /** One dimension, loop depth with 5 bins: the cell of a test program is its depth. */
    static DatabaseConfig depthGrid(int islands) {
        return DatabaseConfig.defaults().withIslands(islands)
                .withFeatures(java.util.List.of(FeatureDimensions.LOOP_DEPTH), Map.of(FeatureDimensions.LOOP_DEPTH, 5))
                .withMigrationInterval(0).withResetInterval(0);
    }
}
