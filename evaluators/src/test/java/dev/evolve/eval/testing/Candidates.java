package dev.evolve.eval.testing;

import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.matmul.MatmulTarget;

/** Matmul candidates for tests: the seed with its evolve block replaced. */
public final class Candidates {

    public static final String SEED = new MatmulTarget().seedSource();

    private Candidates() {
    }

    /** The seed with {@code members} as the evolve block. */
    public static String withMembers(String members) {
        return EvolveBlock.of(SEED).orElseThrow().withBody(members);
    }

    /** A {@code multiply} whose body is {@code body}. */
    public static String withMultiplyBody(String body) {
        return withMembers("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                %s
                    }
                """.formatted(body));
    }

    /** The 1-based line on which the evolve block's first line lands. */
    public static int firstBlockLine() {
        String before = EvolveBlock.of(SEED).orElseThrow().before();
        return (int) before.chars().filter(ch -> ch == '\n').count() + 1;
    }

    /** The naive triple loop, correct for every n. */
    public static final String NAIVE_BODY = """
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0.0;
                            for (int k = 0; k < n; k++) {
                                sum += a[i * n + k] * b[k * n + j];
                            }
                            c[i * n + j] = sum;
                        }
                    }
            """;
}
