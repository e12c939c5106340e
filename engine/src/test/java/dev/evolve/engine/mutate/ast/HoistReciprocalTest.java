package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.loops.Aliasing;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Division by a loop-invariant double as a multiply by its reciprocal: where it applies, and where it must not. */
class HoistReciprocalTest {

    private static final HoistReciprocal RECIPROCAL = new HoistReciprocal();

    private static Optional<String> apply(String method) {
        return RECIPROCAL.apply(LoopKernels.source(method, false), 0);
    }

    private static void assertRewrittenCorrectly(String method) {
        Optional<String> out = apply(method);
        assertThat(out).as("reciprocal of\n%s", method).isPresent();
        assertThat(out.get()).contains("Inv = 1.0 / ");
        LoopKernels.assertSameResults(LoopKernels.source(method, false), out.get());
    }

    @Test
    void hoistsTheReciprocalOfARowSumOutOfTheNormalizingLoop() {
        String normalize = """
                public void run(int n, double[] x, double[] out) {
                    for (int i = 0; i < n; i++) {
                        double sum = 1.0;
                        for (int j = 0; j < n; j++) {
                            sum += Math.abs(x[i * n + j]);
                        }
                        for (int j = 0; j < n; j++) {
                            out[i * n + j] = x[i * n + j] / sum;
                        }
                    }
                }""";
        assertRewrittenCorrectly(normalize);
        String out = apply(normalize).orElseThrow();
        // taken per row (sum changes with i), before the j loop, not inside it
        assertThat(out).contains("double sumInv = 1.0 / sum;\n            for (int j = 0; j < n; j++) {\n"
                + "                out[i * n + j] = x[i * n + j] * sumInv;");
    }

    @Test
    void hoistsAParameterOutOfTheWholeNestAndHandlesCompoundDivision() {
        assertRewrittenCorrectly("""
                public void run(int n, double[] x, double[] y, double scale) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            x[i * n + j] /= scale;
                            y[i * n + j] = 2.0 * (x[i * n + j] + 1.0) / scale - y[i * n + j];
                        }
                    }
                }""");
        String out = apply("""
                public void run(int n, double[] x, double scale) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            x[i * n + j] /= scale;
                        }
                    }
                }""").orElseThrow();
        assertThat(out.indexOf("scaleInv = 1.0 / scale")).isLessThan(out.indexOf("for (int i"));
    }

    @Test
    void twoLoopsThatLookAlikeEachGetTheirOwnReciprocal() {
        String twice = """
                public void run(int n, double[] x, double s) {
                    for (int i = 0; i < n; i++) {
                        x[i] = x[i] / s;
                    }
                    for (int i = 0; i < n; i++) {
                        x[i] = x[i] / s;
                    }
                }""";
        assertRewrittenCorrectly(twice);
        assertThat(apply(twice).orElseThrow()).contains("double sInv = 1.0 / s;", "double sInv2 = 1.0 / s;")
                .doesNotContain("/ s;\n            }");
    }

    @Test
    void theSoftmaxSeedNormalizesByMultiplyingAndVectorizesAfterwards() {
        String seed = TargetKernels.seed("softmax");
        String s = TargetKernels.apply(RECIPROCAL, seed, 0);
        TargetKernels.assertCorrect("softmax", s, 1, 3, 7, 17, 33);  // the target refuses order 0
        s = TargetKernels.apply(new VectorizeLoop(Aliasing.DISTINCT_PARAMETERS), s, 4);
        TargetKernels.assertCorrect("softmax", s, 1, 3, 7, 17, 33);  // the target refuses order 0
        assertThat(s).contains("sumInv", ".mul(").doesNotContain(".div(");
        assertThat(RewriteLibrary.forTarget(TargetKernels.target("softmax"))).extracting(r -> r.name()).contains("reciprocal");
    }

    @Test
    void leavesAloneWhatAnUlpCouldChangeOrWhatIsNotInvariant() {
        // the divisor changes in the loop
        assertThat(apply("""
                public void run(int n, double[] x, double[] out) {
                    double s = 1.0;
                    for (int i = 0; i < n; i++) {
                        s += 1.0;
                        out[i] = x[i] / s;
                    }
                }""")).isEmpty();
        // the quotient is truncated to an int (6.0 / 3.0 is 2, 6.0 * (1 / 3.0) is not)
        assertThat(apply("""
                public void run(int n, double[] x, int[] bins, double width) {
                    for (int i = 0; i < n; i++) {
                        bins[i] = (int) (x[i] / width);
                    }
                }""")).isEmpty();
        // compared, or stored into an int element by a compound assignment
        assertThat(apply("""
                public void run(int n, double[] x, int[] c, double w) {
                    for (int i = 0; i < n; i++) {
                        if (x[i] / w > 1.0) {
                            c[i] += 1;
                        }
                        c[i] += x[i] / w;
                    }
                }""")).isEmpty();
        // a float divisor, an integer divisor, a division outside any loop, a field
        assertThat(apply("""
                public void run(int n, float[] x, float w, int k, double[] y, double d) {
                    y[0] = y[0] / d;
                    for (int i = 0; i < n; i++) {
                        x[i] = x[i] / w;
                        y[i] = y[i] / k;
                        y[i] = y[i] / FIELD;
                    }
                }
                static double FIELD = 3.0;""")).isEmpty();
    }
}
