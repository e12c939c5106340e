package dev.evolve.eval.aparapi;

import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.aparapi.MatmulAparapiTarget;

/** matmul-aparapi candidates for tests: the seed with its evolve block replaced. */
final class AparapiCandidates {

    static final String SEED = new MatmulAparapiTarget().seedSource();

    private AparapiCandidates() {
    }

    /** The seed with {@code members} as the evolve block. */
    static String withMembers(String members) {
        return EvolveBlock.of(SEED).orElseThrow().withBody(members);
    }

    /** The seed's launch ({@code LOCAL} work-items a group) with {@code body} as {@code run()}'s body. */
    static String withRunBody(String body) {
        return withLocalAndRunBody(16, body);
    }

    static String withLocalAndRunBody(int local, String body) {
        return withMembers("""
                    static final int LOCAL = %d;

                    Range range(int n) {
                        int global = (n * n + LOCAL - 1) / LOCAL * LOCAL;
                        return Range.create(global, LOCAL);
                    }

                    @Override
                    public void run() {
                %s
                    }
                """.formatted(local, body));
    }

    /** One element of C per work-item, like the seed; {@code %s} is the statement that stores {@code sum}. */
    static final String NAIVE_BODY = """
                    int id = getGlobalId();
                    if (id < n * n) {
                        int i = id / n;
                        int j = id % n;
                        float sum = 0.0f;
                        for (int k = 0; k < n; k++) {
                            sum += a[i * n + k] * b[k * n + j];
                        }
                        c[id] = sum;
                    }
            """;
}
