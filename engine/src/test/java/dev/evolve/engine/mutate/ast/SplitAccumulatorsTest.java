package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** split-accumulators on array updates inside a parallel loop's lambda: only a task-private array is split. */
class SplitAccumulatorsTest {

    static final SplitAccumulators SPLIT = new SplitAccumulators();

    static String kernel(String declaration, String target) {
        return LoopKernels.source("""
                public void run(int n, int[] v, int[] shared, int[] out) {
                    java.util.stream.IntStream.range(0, n).parallel().forEach(j -> {
                        %s
                        for (int i = 0; i < n; i++) {
                            %s[((v[i] + j) %% 16 + 16) %% 16]++;
                        }
                        out[j] = %s[0] * 3 + %s[5];
                    });
                }""".formatted(declaration, target, target, target), false);
    }

    @Test
    void anArrayTheTaskCreatesIsSplitAndStaysCorrect() {
        String own = kernel("int[] counts = new int[16];", "counts");
        for (int k : SPLIT.knobs()) {
            String out = SPLIT.apply(own, k).orElseThrow();
            LoopKernels.assertSameResults(own, out);
        }
    }

    @Test
    void aSharedOrAliasedArrayInsideTheLambdaIsRefused() {
        // every task would add its copies into the whole shared array while the others update it
        assertThat(SPLIT.apply(kernel("", "shared"), 2)).isEmpty();
        assertThat(SPLIT.apply(kernel("int[] counts = shared;", "counts"), 2)).isEmpty();
    }
}
