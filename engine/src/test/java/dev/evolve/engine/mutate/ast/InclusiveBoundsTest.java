package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Loops written with an inclusive bound ({@code i <= e}): the schedule rewrites see the range {@code [start, e]}
 * and print headers that keep it, checked against the scalar original at sizes that are not multiples of any
 * tile, unroll or vector width.
 */
class InclusiveBoundsTest {

    /** A matmul whose loops run to {@code n - 1} and (j) {@code n - 2} inclusive. */
    static final String MATMUL = """
            public void run(int n, double[] a, double[] b, double[] c) {
                for (int i = 0; i <= n - 1; i++) {
                    for (int k = 0; k <= n - 1; k++) {
                        for (int j = 1; j <= n - 2; j++) {
                            c[i * n + j] += a[i * n + k] * b[k * n + j];
                        }
                    }
                }
            }""";

    /** transpose(A) * A with every loop to {@code n - 1} inclusive: a[k * n + i] is strided in k, packable. */
    static final String ATA = """
            public void run(int n, double[] a, double[] out) {
                for (int i = 0; i <= n - 1; i++) {
                    for (int j = 0; j <= n - 1; j++) {
                        double sum = 0.0;
                        for (int k = 0; k <= n - 1; k++) {
                            sum += a[k * n + i] * a[k * n + j];
                        }
                        out[i * n + j] = sum;
                    }
                }
            }""";

    /** One loop to {@code n} inclusive: its exclusive end is {@code n + 1}. */
    static final String AXPY = """
            public void run(int n, double[] x, double[] y) {
                for (int i = 0; i <= n; i++) {
                    y[i] = y[i] + 2.0 * x[i];
                }
            }""";

    /** A 3 x 3 stencil whose offset loops run from -1 to 1 inclusive, as the blur3x3 example writes them. */
    static final String STENCIL = """
            public void run(int n, double[] img, double[] out) {
                for (int i = 1; i < n - 1; i++) {
                    for (int j = 1; j < n - 1; j++) {
                        double s = 0.0;
                        for (int di = -1; di <= 1; di++) {
                            for (int dj = -1; dj <= 1; dj++) {
                                s += (2 - Math.abs(di)) * (2 - Math.abs(dj)) * img[(i + di) * n + (j + dj)];
                            }
                        }
                        out[i * n + j] = s;
                    }
                }
            }""";

    /** A triangular update, j to i inclusive: the inner bound is {@code i + 1}. */
    static final String TRIANGLE = """
            public void run(int n, double[] a, double[] out) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j <= i; j++) {
                        out[i * n + j] = a[j * n + i] * 2.0 + out[i * n + j];
                    }
                }
            }""";

    /** Every schedule rewrite at every knob on {@code method}; each child agrees with it. Returns the names used. */
    static Set<String> assertEveryRewriteCorrect(String method) {
        Set<String> used = new TreeSet<>();
        String original = LoopKernels.source(method, false);
        for (Rewrite r : RewriteLibrary.schedule()) {
            for (int knob : r.knobs()) {
                Optional<String> out = r.apply(original, knob);
                if (out.isPresent()) {
                    LoopKernels.assertSameResults(original, out.get());
                    used.add(r.name());
                }
            }
        }
        return used;
    }

    @Test
    void rewritesOfAnInclusiveMatmulKeepItsRange() {
        assertThat(assertEveryRewriteCorrect(MATMUL)).contains("permute", "tile", "unroll-jam", "vectorize");
        assertThat(assertEveryRewriteCorrect(ATA)).contains("pack", "accumulate", "unroll-jam");
    }

    @Test
    void aVectorizedInclusiveLoopRunsItsLastIterationInTheTail() {
        assertThat(assertEveryRewriteCorrect(AXPY)).contains("vectorize");
        String vectorized = VectorizeLoopTest.vectorize(AXPY, 1).orElseThrow();
        assertThat(vectorized).contains("n + 1");
    }

    @Test
    void theStencilsOffsetLoopsAreModelledAndRewritten() {
        Set<String> used = assertEveryRewriteCorrect(STENCIL);
        assertThat(used).isNotEmpty();
        assertThat(assertEveryRewriteCorrect(TRIANGLE)).isNotEmpty();
    }

    @Test
    void chainsOnInclusiveLoopsStayCorrect() {
        String original = LoopKernels.source(MATMUL, false);
        List<Rewrite> library = RewriteLibrary.schedule();
        for (Rewrite first : library) {
            for (int knob : first.knobs()) {
                Optional<String> once = first.apply(original, knob);
                if (once.isEmpty()) {
                    continue;
                }
                for (Rewrite second : library) {
                    Optional<String> twice = second.apply(once.get(), second.knobs().getFirst());
                    twice.ifPresent(s -> LoopKernels.assertSameResults(original, s));
                }
                break;
            }
        }
    }
}
