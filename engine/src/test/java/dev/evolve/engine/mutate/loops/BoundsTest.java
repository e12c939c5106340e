package dev.evolve.engine.mutate.loops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Inclusive loop bounds in the model: {@code i <= e} is the range of {@code i < e + 1}. */
class BoundsTest {

    static Loop loop(String header) {
        LoopNest nest = DependencesTest.nest("void m(double[] x, int n, int a, int b) { for (" + header
                + ") { x[i] = 1.0; } }");
        return nest.loops().getFirst();
    }

    @Test
    void anInclusiveBoundIsOnePastItsExpression() {
        Loop small = DependencesTest.nest("""
                void m(double[] x, int n) {
                    for (int di = -1; di <= 1; di++) {
                        x[di + 1] += 1.0;
                    }
                }""").loops().getFirst();
        assertThat(small.end()).hasToString("2");
        assertThat(small.uppers()).containsExactly(Poly.constant(2));
        Loop minus = loop("int i = 1; i <= n - 2; i++");
        assertThat(minus.end()).hasToString("n - 1");
        assertThat(minus.uppers()).containsExactly(Poly.name("n").minus(Poly.constant(1)));
        assertThat(loop("int i = 0; i <= n; i++").end()).hasToString("n + 1");
        assertThat(loop("int i = 0; i <= n - 1; i++").end()).hasToString("n");
        assertThat(loop("int i = 0; i <= a * b; i++").end()).hasToString("a * b + 1");
        assertThat(loop("int i = 0; i <= (n >> 1); i++").end()).hasToString("(n >> 1) + 1");
        assertThat(loop("int i = 0; i <= n >> 1; i++").end()).hasToString("(n >> 1) + 1");
        Loop min = loop("int i = 0; i <= Math.min(a, b); i++");
        assertThat(min.uppers()).containsExactlyInAnyOrder(Poly.name("a").plus(Poly.constant(1)),
                Poly.name("b").plus(Poly.constant(1)));
        // the source keeps its test: rewrites that keep the header keep the same range
        assertThat(min.node().getCompare().orElseThrow()).hasToString("i <= Math.min(a, b)");
    }

    @Test
    void decreasingTestsAndAWrappingBoundAreRefused() {
        for (String header : List.of("int i = n; i >= 0; i--", "int i = n; i > 0; i--",
                "int i = 0; i <= 2147483647; i++", "int i = 0; n >= i; i++")) {
            assertThat(LoopNests.of(DependencesTest.method("void m(double[] x, int n) { for (" + header
                    + ") { x[i] = 1.0; } }"))).as(header).isEmpty();
        }
    }

    @Test
    void dependencesSeeTheLastIterationOfAnInclusiveLoop() {
        // x[i + 1] = x[i] over 0..n carries a dependence at distance 1 whatever the bound's form
        List<Dependence> deps = DependencesTest.deps("""
                void m(double[] x, int n) {
                    for (int i = 0; i <= n; i++) {
                        x[i + 1] = x[i] * 0.5;
                    }
                }""", Aliasing.DISTINCT_PARAMETERS);
        assertThat(deps).isNotEmpty();
    }
}
