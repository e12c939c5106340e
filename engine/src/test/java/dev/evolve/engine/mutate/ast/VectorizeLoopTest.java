package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.loops.Aliasing;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The general vectorizer: what the dependence test refuses, and what it vectorizes keeps every result. */
class VectorizeLoopTest {

    static final VectorizeLoop VECTORIZE = new VectorizeLoop(Aliasing.DISTINCT_PARAMETERS);

    static Optional<String> vectorize(String method, int knob) {
        return VECTORIZE.apply(LoopKernels.source(method, false), knob);
    }

    /** Vectorized at every knob, and the same results as the scalar loop at every size. */
    static void assertVectorizedCorrectly(String method) {
        for (int knob : VECTORIZE.knobs()) {
            Optional<String> out = vectorize(method, knob);
            assertThat(out).as("vectorize(%d) of\n%s", knob, method).isPresent();
            assertThat(out.get()).contains("jdk.incubator.vector.", ".length()");
            LoopKernels.assertSameResults(LoopKernels.source(method, false), out.get());
        }
    }

    @Test
    void refusesALoopCarriedDependenceAtDistanceOne() {
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y) {
                    for (int i = 1; i < n; i++) {
                        x[i] = x[i - 1] + y[i];
                    }
                }""", 1)).isEmpty();
        // the same recurrence split over two statements: the read comes first in vector order
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y, double[] t) {
                    for (int i = 1; i < n; i++) {
                        t[i] = x[i - 1] * 2.0;
                        x[i] = t[i] + y[i];
                    }
                }""", 1)).isEmpty();
    }

    @Test
    void refusesAWriteThatMayAliasAnotherArray() {
        String copy = """
                public void run(int n, double[] x, double[] y) {
                    for (int i = 0; i < n; i++) {
                        x[i] = y[i] * 2.0;
                    }
                }""";
        assertThat(new VectorizeLoop(Aliasing.MAY_ALIAS).apply(LoopKernels.source(copy, false), 1)).isEmpty();
        assertThat(vectorize(copy, 1)).isPresent();
        // an array of unknown origin may be anything, under either policy
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y) {
                    double[] z = n > 3 ? x : y;
                    for (int i = 0; i < n; i++) {
                        z[i] = y[i] * 2.0;
                    }
                }""", 1)).isEmpty();
    }

    @Test
    void refusesStridedIndicesCallsWithoutVectorFormAndWrittenInvariantElements() {
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y) {
                    for (int i = 0; i < n; i++) {
                        x[i] = y[2 * i];
                    }
                }""", 1)).isEmpty();
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y) {
                    for (int i = 0; i < n; i++) {
                        x[i] = y[i * n];
                    }
                }""", 1)).isEmpty();
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y) {
                    for (int i = 0; i < n; i++) {
                        x[i] = Math.floor(y[i]);
                    }
                }""", 1)).isEmpty();
        assertThat(vectorize("""
                public void run(int n, double[] x, double[] y) {
                    for (int i = 0; i < n; i++) {
                        x[0] += y[i];
                    }
                }""", 1)).isEmpty();
        // mixed element types, and a double scalar that does not fit float lanes
        assertThat(vectorize("""
                public void run(int n, double[] x, float[] y) {
                    for (int i = 0; i < n; i++) {
                        x[i] = y[i];
                    }
                }""", 1)).isEmpty();
        assertThat(vectorize("""
                public void run(int n, float[] x, float[] y, double a) {
                    for (int i = 0; i < n; i++) {
                        x[i] *= a;
                    }
                }""", 1)).isEmpty();
    }

    @Test
    void dependencesThatRunFirstInVectorOrderAreKept() {
        assertVectorizedCorrectly("""
                public void run(int n, double[] x, double[] b, double[] c) {
                    for (int i = 1; i < n; i++) {
                        b[i] = x[i] + 1.0;
                        c[i] = b[i - 1] * 0.5;
                    }
                }""");
        assertVectorizedCorrectly("""
                public void run(int n, double[] x) {
                    for (int i = 0; i < n; i++) {
                        x[i] = x[i + 1] * 2.0;
                    }
                }""");
        assertVectorizedCorrectly("""
                public void run(int n, double[] x) {
                    for (int i = 64; i < n; i++) {
                        x[i] = x[i - 64] + 1.0;
                    }
                }""");
    }

    @Test
    void elementWiseBodiesInEveryLaneType() {
        assertVectorizedCorrectly("""
                public void run(int n, double[] x, double[] y, double[] z, double a) {
                    for (int i = 0; i < n; i++) {
                        double t = x[i] * a + y[i];
                        z[i] = Math.sqrt(Math.abs(t)) - Math.max(t, 0.25) / 2;
                    }
                }""");
        assertVectorizedCorrectly("""
                public void run(int n, float[] x, float[] y, float a) {
                    for (int i = 0; i < n; i++) {
                        y[i] += x[i] * a - 2.0f;
                    }
                }""");
        // an int no float holds exactly is converted as Java converts it (broadcast(long) would throw)
        assertVectorizedCorrectly("""
                public void run(int n, float[] x, float[] y) {
                    int big = 16777217 + 2 * n;
                    for (int i = 0; i < n; i++) {
                        x[i] = y[i] + big;
                    }
                }""");
        assertVectorizedCorrectly("""
                public void run(int n, int[] x, int[] y, int[] z) {
                    for (int i = 0; i < n; i++) {
                        z[i + 3] = x[i] * n - Math.abs(y[i]) + Math.min(x[i], 5);
                    }
                }""");
        assertVectorizedCorrectly("""
                public void run(int n, long[] x, long[] y) {
                    for (int i = 2; i < n; i++) {
                        y[i] = x[i] * 3 + y[i] - n;
                    }
                }""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"double", "float", "int", "long"})
    void reductionsInEveryLaneType(String type) {
        assertVectorizedCorrectly("""
                public void run(int n, T[] x, T[] y, T[] out) {
                    for (int j = 0; j < 3; j++) {
                        T s = 0;
                        T m = x[0];
                        for (int i = 0; i < n; i++) {
                            s += x[i] * y[i];
                            m = Math.max(m, y[i]);
                        }
                        out[j] = s + m;
                    }
                }""".replace("T", type));
    }

    @Test
    void theScalarTailIsNotVectorizedAgain() {
        String once = vectorize("""
                public void run(int n, double[] x, double[] y) {
                    java.util.stream.IntStream.range(0, 4).parallel().forEach(r -> {
                        for (int i = 0; i < n; i++) {
                            y[r * n + i] = x[r * n + i] * 2.0;
                        }
                    });
                }""", 2).orElseThrow();
        assertThat(VECTORIZE.apply(once, 2)).isEmpty();
    }

    @Test
    void anImportedVectorApiIsUsedByItsSimpleNames() {
        String method = """
                public void run(int n, double[] x, double[] y) {
                    double s = 0.0;
                    for (int i = 0; i < n; i++) {
                        s += x[i];
                    }
                    y[0] = s;
                }""";
        Optional<String> out = VECTORIZE.apply(LoopKernels.source(method, true), 2);
        assertThat(out).isPresent();
        assertThat(out.get()).contains("DoubleVector.fromArray(").doesNotContain("jdk.incubator.vector.DoubleVector");
        LoopKernels.assertSameResults(LoopKernels.source(method, true), out.get());
    }
}
