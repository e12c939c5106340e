package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegisterBlockTest {

    private final RegisterBlock rewrite = new RegisterBlock();

    @Test
    void everyTileShapeIsCorrectIncludingRemainderRowsAndColumns() {
        String vectorized = Shapes.vectorized();
        for (int knob : rewrite.knobs()) {
            String out = Kernels.apply(rewrite, vectorized, knob);
            int rows = knob % 100 / 10;
            int vectors = knob % 10;
            assertThat(out).contains("acc" + (rows - 1) + (vectors - 1) + " = av.fma(bv" + (vectors - 1));
            assertThat(out).doesNotContain("acc" + rows + "0 ");
            Kernels.assertCorrect(out, 1, 7, 17, 64, 67, 100);
        }
    }

    @Test
    void keepsAccumulatorsInRegistersAcrossTheKLoop() {
        String out = Kernels.apply(rewrite, Shapes.vectorized(), 44);
        String body = Kernels.body(out);
        assertThat(Shapes.loopVars(out)).startsWith("i", "j", "k");
        // accumulators start at zero before k and are stored after it
        assertThat(body.indexOf("DoubleVector acc00 = DoubleVector.zero(SPECIES);"))
                .isLessThan(body.indexOf("for (int k = 0; k < n; k++)"));
        assertThat(body.indexOf("acc00.intoArray(c, row0 + j);")).isGreaterThan(body.indexOf("acc00 = av.fma(bv0, acc00);"));
    }

    @Test
    void recognisesTheScalarIkjFormToo() {
        Kernels.assertCorrect(Kernels.apply(rewrite, Shapes.ikj(), 42));
        Kernels.assertCorrect(Kernels.apply(rewrite, Shapes.hoisted(), 24));
    }

    @Test
    void recognisesAHandWrittenVariantWithOtherNamesAndSpelling() {
        String handWritten = Shapes.withBody("""
                    public void multiply(double[] x, double[] y, double[] out, int size) {
                        for (int row = 0; row < size; ++row) {
                            int base = size * row;
                            for (int col = 0; col < size; col++) {
                                out[col + base] = 0;
                            }
                            for (int m = 0; m < size; m++) {
                                double xm = x[base + m];
                                for (int col = 0; col < size; col++) {
                                    out[base + col] = out[base + col] + y[m * size + col] * xm;
                                }
                            }
                        }
                    }
                """);
        String out = Kernels.apply(rewrite, handWritten, 44);
        assertThat(Kernels.body(out)).contains("DoubleVector.broadcast(SPECIES, x[row0 + k])")
                .contains("DoubleVector.fromArray(SPECIES, y, bk)");
        Kernels.assertCorrect(out);
    }

    @Test
    void declinesTheDotProductFormAndItsOwnOutput() {
        assertThat(rewrite.apply(Kernels.SEED, 44)).isEmpty();
        assertThat(rewrite.apply(Shapes.registerBlocked(44), 44)).isEmpty();
    }

    @Test
    void declinesWhenCIsOnlyAccumulatedInto() {
        String accumulateOnly = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int i = 0; i < n; i++) {
                            for (int k = 0; k < n; k++) {
                                for (int j = 0; j < n; j++) {
                                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                                }
                            }
                        }
                    }
                """);
        assertThat(rewrite.apply(accumulateOnly, 44)).isEmpty();
    }
}
