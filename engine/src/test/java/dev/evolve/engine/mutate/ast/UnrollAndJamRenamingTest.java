package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.loops.Aliasing;
import org.junit.jupiter.api.Test;

/** Unroll-and-jam renames the locals of each jammed copy consistently, also when sibling loops share a name. */
class UnrollAndJamRenamingTest {

    @Test
    void siblingLoopsThatBothDeclareKAreRenamedTogether() {
        // a split reduction: two k loops side by side in the body that is copied
        String seed = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0.0;
                            int half = n - n % 2;
                            for (int k = 0; k < half; k += 2) {
                                sum += a[k * n + i] * a[k * n + j] + a[(k + 1) * n + i] * a[(k + 1) * n + j];
                            }
                            for (int k = half; k < n; k++) {
                                sum += a[k * n + i] * a[k * n + j];
                            }
                            out[i * n + j] = sum;
                        }
                    }
                }""", false);
        UnrollAndJam jam = new UnrollAndJam(Aliasing.DISTINCT_PARAMETERS);
        for (int knob : new int[] {20, 40, 80}) {
            String jammed = jam.apply(seed, knob).orElseThrow();
            assertThat(jammed).contains("for (int k1 = half1; k1 < n; k1++)");
            LoopKernels.assertSameResults(seed, jammed);
        }
    }
}
