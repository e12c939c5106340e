package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoopInterchangeTest {

    private final LoopInterchange rewrite = new LoopInterchange();

    @Test
    void reductionInterchangeTurnsIjkIntoIkjWithZeroedRow() {
        String out = Kernels.apply(rewrite, Kernels.SEED, 0);
        assertThat(Shapes.loopVars(out)).containsExactly("i", "j", "k", "j");
        assertThat(Kernels.body(out))
                .contains("c[i * n + j] = 0.0;")
                .contains("c[i * n + j] += a[i * n + k] * b[k * n + j];")
                .doesNotContain("sum");
        Kernels.assertCorrect(out);
    }

    @Test
    void perfectPairSwapsHeaders() {
        String out = Kernels.apply(rewrite, Kernels.SEED, 1);
        assertThat(Shapes.loopVars(out)).containsExactly("j", "i", "k");
        Kernels.assertCorrect(out);
    }

    @Test
    void perfectPairInIkjFormGivesBackAccumulatingIjk() {
        String out = Kernels.apply(rewrite, Shapes.ikj(), 0);
        assertThat(Shapes.loopVars(out)).containsExactly("i", "j", "j", "k");
        Kernels.assertCorrect(out);
    }

    @Test
    void declinesWhenThereIsNoSuchSite() {
        assertThat(rewrite.apply(Kernels.SEED, 2)).isEmpty();
        assertThat(rewrite.apply(Shapes.withBody("    public void multiply(double[] a, double[] b, double[] c, int n) { }\n"), 0))
                .isEmpty();
    }

    @Test
    void declinesTriangularPairs() {
        String triangular = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < i; j++) {
                                c[i * n + j] = 0.0;
                            }
                        }
                    }
                """);
        assertThat(rewrite.apply(triangular, 0)).isEmpty();
    }

    @Test
    void rejectsKnobsItDoesNotTake() {
        assertThat(rewrite.apply(Kernels.SEED, 99)).isEmpty();
    }
}
