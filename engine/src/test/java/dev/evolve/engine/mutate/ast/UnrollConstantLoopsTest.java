package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.expr.BinaryExpr;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Complete unrolling of constant loops: the same results, constants folded, and the loops it must leave alone. */
class UnrollConstantLoopsTest {

    private static final UnrollConstantLoops UNROLL = new UnrollConstantLoops();

    private static Optional<String> apply(String method, int knob) {
        return UNROLL.apply(LoopKernels.source(method, false), knob);
    }

    private static String assertSame(String method, int knob) {
        Optional<String> out = apply(method, knob);
        assertThat(out).as("unroll-full(%d) of\n%s", knob, method).isPresent();
        LoopKernels.assertSameResults(LoopKernels.source(method, false), out.get());
        return out.get();
    }

    /** A 3 x 3 filter over the interior, taps in two constant loops with weights computed from the offsets. */
    private static final String FILTER = """
            public void run(int n, double[] img, double[] out) {
                for (int i = 1; i < n - 1; i++) {
                    for (int j = 1; j < n - 1; j++) {
                        double s = 0.0;
                        for (int di = -1; di <= 1; di++) {
                            for (int dj = -1; dj <= 1; dj++) {
                                double w = (2 - Math.abs(di)) * (2 - Math.abs(dj));
                                s += w * img[(i + di) * n + (j + dj)];
                            }
                        }
                        out[i * n + j] = s / 16.0;
                    }
                }
            }""";

    @Test
    void unrollsBothTapLoopsAndFoldsTheWeights() {
        String out = assertSame(FILTER, 0);
        assertThat(out).doesNotContain("int di", "int dj", "Math.abs", "+ -1")
                .contains("double w = 4;", "img[(i - 1) * n + (j - 1)]", "img[(i + 1) * n + (j + 1)]");
        assertThat(out.split("double w = ", -1)).hasSize(10);         // nine taps
        assertThat(apply(FILTER, 1)).hasValue(out);                   // the only site
        assertThat(apply(FILTER, 2)).isEmpty();
    }

    @Test
    void unrollsASingleLoopInsideAParallelTaskAndSplicesBodiesWithoutLocals() {
        String out = assertSame("""
                public void run(int n, double[] x, double[] out) {
                    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                        for (int k = 0; k < 4; k += 2) {
                            out[i * 4 + k] += x[i + k] * 2.0;
                        }
                    });
                }""", 0);
        assertThat(out).contains("out[i * 4 + 0] += x[i + 0] * 2.0;\n", "out[i * 4 + 2] += x[i + 2] * 2.0;")
                .doesNotContain("for (int k");
    }

    @Test
    void leavesLoopsWhoseCopiesWouldChangeTheProgramOrGrowTooLong() {
        // a break or continue would leave or skip other copies; the variable assigned in the body; bounds not constant
        for (String method : new String[]{"""
                public void run(int n, double[] x) {
                    for (int k = 0; k < 3; k++) {
                        if (x[k] > 0) break;
                        x[k] = 1;
                    }
                }""", """
                public void run(int n, double[] x) {
                    for (int k = 0; k < 3; k++) {
                        if (x[k] > 0) continue;
                        x[k] = 1;
                    }
                }""", """
                public void run(int n, double[] x) {
                    for (int k = 0; k < 3; k++) {
                        x[k] = 1;
                        k++;
                    }
                }""", """
                public void run(int n, double[] x) {
                    for (int k = 0; k < n; k++) {
                        x[k] = 1;
                    }
                }""", """
                public void run(int n, double[] x) {
                    for (int k = 0; k < 33; k++) {
                        x[k] = 1;
                    }
                }""", """
                public void run(int n, double[] x) {
                    for (int a = 0; a < 8; a++) {
                        for (int b = 0; b < 8; b++) {
                            x[a * 8 + b] = 1;
                        }
                    }
                }"""}) {
            assertThat(apply(method, 0)).as(method).isEmpty();
        }
    }

    @Test
    void aConstantLoopInsideAVariableLoopIsItsOwnSiteInSourceOrder() {
        String method = """
                public void run(int n, double[] x, double[] y) {
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < 2; k++) {
                            x[i] += k;
                        }
                    }
                    for (int r = 0; r < 3; r++) {
                        y[r] = y[r] * 2;
                    }
                }""";
        assertThat(assertSame(method, 1)).contains("for (int i = 0; i < n; i++)", "for (int r = 0; r < 3; r++)")
                .doesNotContain("int k");
        assertThat(assertSame(method, 2)).contains("for (int k = 0; k < 2; k++)", "y[2] = y[2] * 2;")
                .doesNotContain("int r");
        assertThat(assertSame(method, 0)).contains("for (int i = 0; i < n; i++)", "y[2] = y[2] * 2;")
                .doesNotContain("int r", "int k");
        assertThat(apply(method, 3)).isEmpty();
    }

    @Test
    void foldsOnlyIntArithmeticThatDoesNotWrap() {
        assertThat(UnrollConstantLoops.constant(StaticJavaParser.parseExpression("(2 - Math.abs(-1)) * -(3 + 1)")))
                .hasValue(-4);
        assertThat(UnrollConstantLoops.constant(StaticJavaParser.parseExpression("2147483647 + 1"))).isEmpty();
        assertThat(UnrollConstantLoops.constant(StaticJavaParser.parseExpression("65536 * 65536 - 1"))).isEmpty();
        assertThat(UnrollConstantLoops.constant(StaticJavaParser.parseExpression("1.5 + 1"))).isEmpty();
        assertThat(UnrollConstantLoops.constant(StaticJavaParser.parseExpression("n + 1"))).isEmpty();
        // a wrapping sum stays as written, and the program still computes what it did
        String out = assertSame("""
                public void run(int n, int[] x) {
                    for (int k = 0; k < 2; k++) {
                        x[k] = 2147483647 + k;
                    }
                }""", 0);
        assertThat(out).contains("x[1] = 2147483647 + 1;", "x[0] = 2147483647;");
    }

    @Test
    void aVectorDivisionByAPowerOfTwoIsAMultiplicationByItsExactReciprocal() {
        assertThat(reciprocal("s / 16.0")).hasValue("0.0625");
        assertThat(reciprocal("s / (0.5)")).hasValue("2.0");
        assertThat(reciprocal("s / 4.0f")).hasValue("0.25f");
        assertThat(reciprocal("s / 3.0")).isEmpty();                  // 1/3 is not exact: the divide stays
        assertThat(reciprocal("s * 16.0")).isEmpty();
        assertThat(reciprocal("s / 16")).isEmpty();                   // an int divisor may be an int division
    }

    private static Optional<String> reciprocal(String expression) {
        return VectorExpressions.exactReciprocal((BinaryExpr) StaticJavaParser.parseExpression(expression))
                .map(d -> d.getValue());
    }
}
