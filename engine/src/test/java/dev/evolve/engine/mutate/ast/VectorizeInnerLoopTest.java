package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VectorizeInnerLoopTest {

    private final VectorizeInnerLoop rewrite = new VectorizeInnerLoop();

    @Test
    void innerLoopBecomesFmaVectorLoopWithScalarTail() {
        String out = Kernels.apply(rewrite, Shapes.hoisted(), 0);
        String body = Kernels.body(out);
        assertThat(body)
                .contains("private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;")
                .contains("DoubleVector aikV = DoubleVector.broadcast(SPECIES, aik);")
                .contains("SPECIES.loopBound(n)")
                .contains("j += SPECIES.length()")
                .contains("aikV.fma(DoubleVector.fromArray(SPECIES, b, kN + j), DoubleVector.fromArray(SPECIES, c, iN + j))"
                        + ".intoArray(c, iN + j);")
                // the scalar tail keeps the original statement
                .contains("c[iN + j] += aik * b[kN + j];");
        Kernels.assertCorrect(out);
    }

    @Test
    void vectorizesWithoutPriorHoisting() {
        String out = Kernels.apply(rewrite, Shapes.ikj(), 0);
        assertThat(Kernels.body(out)).contains("DoubleVector.broadcast(SPECIES, a[i * n + k])");
        Kernels.assertCorrect(out);
    }

    @Test
    void isIdempotent() {
        assertThat(rewrite.apply(Shapes.vectorized(), 0)).isEmpty();
    }

    @Test
    void declinesTheStridedScalarReduction() {
        // b[k * n + j] strides by n in k: nothing to vectorize in the seed
        assertThat(rewrite.apply(Kernels.SEED, 0)).isEmpty();
    }

    @Test
    void transposedDotProductBecomesLaneWisePartialSums() {
        String transposed = Kernels.apply(new TransposeOperand(), Kernels.SEED, 0);
        String out = Kernels.apply(rewrite, transposed, 0);
        assertThat(Kernels.body(out))
                .contains("DoubleVector sumLanes = DoubleVector.zero(SPECIES);")
                .contains("sumLanes = DoubleVector.fromArray(SPECIES, a, i * n + k).fma(DoubleVector.fromArray(SPECIES, bT, (j) * n + (k)), sumLanes);")
                .contains("sum += sumLanes.reduceLanes(VectorOperators.ADD);")
                .contains("for (int k = kVec; k < n; k++)");
        Kernels.assertCorrect(out);
        assertThat(rewrite.apply(out, 0)).isEmpty();
    }

    @Test
    void declinesNonUnitStride() {
        String strided = Shapes.withBody("""
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        for (int j = 0; j < n; j++) {
                            c[j * n] = a[j];
                        }
                    }
                """);
        assertThat(rewrite.apply(strided, 0)).isEmpty();
    }
}
