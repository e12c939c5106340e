package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.loops.Aliasing;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scalar replacement and operand packing on small kernels: what they refuse, and that what they do keeps results. */
class ScalarReplacementAndPackingTest {

    static final ScalarReplacement PROMOTE = new ScalarReplacement(Aliasing.DISTINCT_PARAMETERS);
    static final PackOperand PACK = new PackOperand(Aliasing.DISTINCT_PARAMETERS);
    static final VectorizeLoop VECTORIZE = new VectorizeLoop(Aliasing.DISTINCT_PARAMETERS);

    static final String MATMUL_IJK = """
            public void run(int n, double[] a, double[] b, double[] c) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        for (int k = 0; k < n; k++) {
                            c[i * n + j] += a[i * n + k] * b[k * n + j];
                        }
                    }
                }
            }""";

    @Test
    void anElementUpdatedAtAFixedIndexBecomesALocalAndTheLoopThenVectorizes() {
        String seed = LoopKernels.source(MATMUL_IJK, false);
        String promoted = PROMOTE.apply(seed, 0).orElseThrow();
        assertThat(promoted).contains("double cElem = c[i * n + j];", "cElem += ", "c[i * n + j] = cElem;");
        LoopKernels.assertSameResults(seed, promoted);
        // b is read at stride n in k: packing it makes the k loop a contiguous dot product
        String packed = PACK.apply(promoted, 0).orElseThrow();
        assertThat(packed).contains("bT[");
        LoopKernels.assertSameResults(seed, packed);
        String vectorized = VECTORIZE.apply(packed, 4).orElseThrow();
        assertThat(vectorized).contains("reduceLanes");
        LoopKernels.assertSameResults(seed, vectorized);
    }

    @Test
    void everyElementOfAJammedBodyAtOnce() {
        String seed = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            out[2 * i] += a[k] * a[k];
                            out[2 * i + 1] += a[k] * 2.0;
                        }
                    }
                }""", false);
        String promoted = PROMOTE.apply(seed, ScalarReplacement.EVERY).orElseThrow();
        assertThat(promoted).contains("outElem", "outElem2");
        LoopKernels.assertSameResults(seed, promoted);
        LoopKernels.assertSameResults(seed, VECTORIZE.apply(promoted, 2).orElseThrow());
    }

    @Test
    void everyUseIsReplacedEvenWhenTwoReadAlike() {
        // an unrolled row sum: two updates of out[i] that print the same
        String seed = LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        int half = n - n % 2;
                        for (int j = 0; j < half; j += 2) {
                            out[i] += a[i * n + j] * a[i * n + j];
                            out[i] += a[i * n + (j + 1)] * a[i * n + (j + 1)];
                        }
                    }
                }""", false);
        String promoted = PROMOTE.apply(seed, 0).orElseThrow();
        assertThat(promoted).doesNotContain("out[i] +=");
        LoopKernels.assertSameResults(seed, promoted);
    }

    @Test
    void refusesWhenTheLoopMayTouchTheElementOtherwise() {
        // another element of the same array in the loop: it may be the same one
        assertThat(PROMOTE.apply(LoopKernels.source("""
                public void run(int n, double[] c) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            c[i] += c[k];
                        }
                    }
                }""", false), 0)).isEmpty();
        String other = LoopKernels.source("""
                public void run(int n, double[] x, double[] y) {
                    for (int k = 0; k < n; k++) {
                        x[0] += y[k];
                    }
                }""", false);
        assertThat(new ScalarReplacement(Aliasing.MAY_ALIAS).apply(other, 0)).isEmpty();
        String promoted = PROMOTE.apply(other, 0).orElseThrow();
        LoopKernels.assertSameResults(other, promoted);
    }

    @Test
    void packsOnlyAnOperandNothingWritesWithColumnsProvenInRange() {
        String ata = LoopKernels.source(LoopKernels.ATA, false);
        Optional<String> packed = PACK.apply(ata, 0);
        assertThat(packed).isPresent();
        assertThat(packed.get()).contains("aT[(i) * aRows + k]", "aT[(j) * aRows + k]");
        LoopKernels.assertSameResults(ata, packed.get());
        LoopKernels.assertSameResults(ata, VECTORIZE.apply(packed.get(), 2).orElseThrow());
        // the operand is written in the method: a copy made before the nest would go stale
        assertThat(PACK.apply(LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            out[i] += a[k * n + i];
                            a[k * n + i] = 0.0;
                        }
                    }
                }""", false), 0)).isEmpty();
        // column i + 1 reaches n: not a column of an n-wide row, so no transposed copy
        assertThat(PACK.apply(LoopKernels.source("""
                public void run(int n, double[] a, double[] out) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < n; k++) {
                            out[i] += a[k * n + i + 1];
                        }
                    }
                }""", false), 0)).isEmpty();
    }
}
