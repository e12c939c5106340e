package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureDimensionsTest {

    private static final String SEED = """
            import java.util.stream.IntStream;
            import jdk.incubator.vector.DoubleVector;
            public final class Matmul {
                // parallel() DoubleVector in a comment does not count
                public void multiply(double[] a, double[] b, double[] c, int n) {
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0.0;
                            for (int k = 0; k < n; k++) {
                                sum += a[i * n + k] * b[k * n + j];
                            }
                            c[i * n + j] = sum;
                        }
                    }
                }
            }
            """;

    private static final String VECTORIZED = """
            import java.util.stream.IntStream;
            import jdk.incubator.vector.DoubleVector;
            public final class Matmul {
                static final jdk.incubator.vector.VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
                public void multiply(double[] a, double[] b, double[] c, int n) {
                    IntStream.range(0, n).parallel().forEach(i -> {
                        for (int k = 0; k < n; k++) {
                            int j = 0;
                            while (j < n) { j++; }
                        }
                    });
                }
            }
            """;

    private static ProgramRecord measured(String source) {
        return new ProgramRecord(SourceHash.of(source), null, source, 0, 0, "t", "measured", "", 1, 1, 1, Map.of(),
                Instant.EPOCH);
    }

    private static int bin(String name, int bins, String source) {
        return FeatureDimensions.builtIn(name, bins).bin(measured(source));
    }

    @Test
    void theSeedIsScalarSequentialWithThreeNestedLoops() {
        assertThat(bin("vector_api", 2, SEED)).isZero();
        assertThat(bin("parallel", 2, SEED)).isZero();
        assertThat(bin("loop_depth", 6, SEED)).isEqualTo(3);
        assertThat(bin("for_loops", 8, SEED)).isEqualTo(3);
        assertThat(bin("code_size", 6, SEED)).isEqualTo(0); // 15 non-blank lines
    }

    @Test
    void vectorApiParallelStreamsAndWhileLoopsAreSeen() {
        assertThat(bin("vector_api", 2, VECTORIZED)).isEqualTo(1);
        assertThat(bin("parallel", 2, VECTORIZED)).isEqualTo(1);
        assertThat(bin("loop_depth", 6, VECTORIZED)).isEqualTo(2);
        assertThat(bin("for_loops", 8, VECTORIZED)).isEqualTo(1);
    }

    @Test
    void countsBeyondTheLastBinFallIntoIt() {
        assertThat(bin("loop_depth", 2, SEED)).isEqualTo(1);
        assertThat(bin("for_loops", 1, SEED)).isZero();
    }

    @Test
    void codeSizeBinsDoubleInWidth() {
        assertThat(List.of(1, 16, 17, 32, 33, 64, 65, 128, 129, 1000).stream()
                .map(FeatureDimensions::codeSizeBin).toList()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3, 4, 6);
        String big = "class A {\n" + "int x;\n".repeat(40) + "}\n";
        assertThat(bin("code_size", 6, big)).isEqualTo(2);
    }

    @Test
    void unknownNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> FeatureDimensions.builtIn("color", 2))
                .hasMessageContaining("unknown feature dimension color").hasMessageContaining("loop_depth");
    }

    private static int depth(String code) {
        return LoopNesting.depth(JavaTokens.tokenize(code));
    }

    @Test
    void loopNestingFollowsBlocksBracelessBodiesLambdasAndDoWhile() {
        assertThat(depth("x = 1;")).isZero();
        assertThat(depth("for (int i = 0; i < n; i++) x++; for (;;) { y++; }")).isEqualTo(1);
        assertThat(depth("for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) x++; z++;")).isEqualTo(2);
        assertThat(depth("for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) x++; for (;;) y++;"))
                .isEqualTo(2);
        assertThat(depth("do { while (a) { b(); } } while (c); while (d) e();")).isEqualTo(2);
        assertThat(depth("if (a) { for (;;) {} } else { while (b) { for (x : xs) {} } }")).isEqualTo(2);
        assertThat(depth("for (int i = 0; i < n; i++) if (c) { a(); } for (;;) {}")).isEqualTo(1);
        assertThat(depth("IntStream.range(0, n).parallel().forEach(i -> { for (;;) { for (;;) {} } });"))
                .isEqualTo(2);
        assertThat(depth("class A { void f() { for (;;) {} } void g() { for (;;) { for (;;) { for (;;) {} } } } }"))
                .isEqualTo(3);
        assertThat(depth("for (;;) { try { while (x) {} } catch (E e) { } finally { } }")).isEqualTo(2);
        assertThat(depth("} } for (;;")).isEqualTo(1); // unbalanced code still gives an answer
    }
}
