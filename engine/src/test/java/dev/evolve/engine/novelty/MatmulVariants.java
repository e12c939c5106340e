package dev.evolve.engine.novelty;

import dev.evolve.engine.db.SourceHash;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Targets;
import java.util.List;

/**
 * Matmul programs that a model might send, and which of them the novelty check must call near copies of which:
 * shared by the filter's tests with the real model and by {@code NoveltyBenchmark}, which prints their similarities.
 */
public final class MatmulVariants {

    private MatmulVariants() {
    }

    /** A child, the program it is compared with, and whether it must be called a near copy at similarity 0.99. */
    public record Pair(String what, String child, String known, boolean nearCopy) {

        /** The program compared with, under its id (the filter keeps embeddings by id). */
        public NoveltyFilter.Known asKnown() {
            return new NoveltyFilter.Known(SourceHash.of(known), known);
        }
    }

    /** An i-k-j kernel. */
    public static final String IKJ = """
                    java.util.Arrays.fill(c, 0, n * n, 0.0);
                    for (int i = 0; i < n; i++) {
                        int ci = i * n;
                        for (int k = 0; k < n; k++) {
                            double aik = a[ci + k];
                            int bk = k * n;
                            for (int j = 0; j < n; j++) {
                                c[ci + j] += aik * b[bk + j];
                            }
                        }
                    }
            """;
    /** The same, its locals renamed. */
    public static final String RENAMED = IKJ.replace("ci", "rowStart").replace("aik", "scale").replace("bk", "kRow");
    /** The same, two declarations swapped. */
    public static final String SWAPPED = IKJ.replace("""
                            double aik = a[ci + k];
                            int bk = k * n;
            """, """
                            int bk = k * n;
                            double aik = a[ci + k];
            """);
    /** The transposition of B that {@link #TRANSPOSED} and {@link #SAME_START} open with. */
    public static final String PRE = """
                    double[] bt = new double[n * n];
                    for (int k = 0; k < n; k++) {
                        for (int j = 0; j < n; j++) {
                            bt[j * n + k] = b[k * n + j];
                        }
                    }
            """;
    /**
     * What {@link #TRANSPOSED} and {@link #SAME_START} share after {@link #PRE}: rows in parallel, each dot product
     * summed in pairs of k into two accumulators.
     */
    private static final String PAIRED_ROWS = """
                    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                        for (int j = 0; j < n; j++) {
                            double s0 = 0, s1 = 0;
                            int k = 0;
                            for (; k + 1 < n; k += 2) {
                                s0 += a[i * n + k] * bt[j * n + k];
                                s1 += a[i * n + k + 1] * bt[j * n + k + 1];
                            }
            """;
    /** A genuinely different kernel: B transposed first, rows in parallel, two accumulators. */
    public static final String TRANSPOSED = PRE + PAIRED_ROWS + """
                            for (; k < n; k++) {
                                s0 += a[i * n + k] * bt[j * n + k];
                            }
                            c[i * n + j] = s0 + s1;
                        }
                    });
            """;
    /** An i-k-j kernel in 32 x 32 tiles. */
    public static final String TILED = """
                    java.util.Arrays.fill(c, 0, n * n, 0.0);
                    final int t = 32;
                    for (int ii = 0; ii < n; ii += t) {
                        for (int kk = 0; kk < n; kk += t) {
                            for (int i = ii; i < Math.min(ii + t, n); i++) {
                                for (int k = kk; k < Math.min(kk + t, n); k++) {
                                    double aik = a[i * n + k];
                                    for (int j = 0; j < n; j++) {
                                        c[i * n + j] += aik * b[k * n + j];
                                    }
                                }
                            }
                        }
                    }
            """;
    /**
     * The same first 126 word pieces as {@link #TRANSPOSED} (the transposition and the opening of the parallel
     * loop), then another ending: no remainder loop in the rows, the odd column added after them, serially. An
     * embedding of only the first word pieces would call the two copies.
     */
    public static final String SAME_START = PRE + PAIRED_ROWS + """
                            c[i * n + j] = s0 + s1;
                        }
                    });
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            if ((n & 1) == 1) {
                                c[i * n + j] += a[i * n + n - 1] * bt[j * n + n - 1];
                            }
                        }
                    }
            """;
    /** {@code body} as the evolve block of the matmul seed. */
    public static String program(String body) {
        return EvolveBlock.of(seed()).orElseThrow().withBody(body);
    }

    public static String seed() {
        return Targets.require("matmul").seedSource();
    }

    public static List<Pair> pairs() {
        return List.of(
                new Pair("locals renamed vs i-k-j", program(RENAMED), program(IKJ), true),
                new Pair("two declarations swapped vs i-k-j", program(SWAPPED), program(IKJ), true),
                new Pair("a comment added vs i-k-j", program(IKJ + "            // unrolled later\n"), program(IKJ),
                        true),
                new Pair("i-k-j vs the naive i-j-k seed", program(IKJ), seed(), false),
                new Pair("tiled vs i-k-j", program(TILED), program(IKJ), false),
                new Pair("transposed parallel vs i-k-j", program(TRANSPOSED), program(IKJ), false),
                new Pair("same start, other end vs transposed", program(SAME_START), program(TRANSPOSED), false));
    }
}
