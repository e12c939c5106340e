package dev.evolve.eval.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.custom.ArrayKernelSpec;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom array kernel through the whole cascade: the spec travels to a real worker, which compiles
 * the user's reference and judges candidates against it.
 */
class ArrayKernelCascadeTest {

    static final String SEED = """
            import dev.evolve.kernels.custom.ArrayKernel;

            public final class Saxpy implements ArrayKernel {
                // EVOLVE-BLOCK-START
                @Override
                public void run(int n, double[][] in, double[] out) {
                    for (int i = 0; i < n; i++) {
                        out[i] = in[0][0] * in[1][i] + in[2][i];
                    }
                }
                // EVOLVE-BLOCK-END
            }
            """;
    static final String REFERENCE = """
            import dev.evolve.kernels.custom.ArrayKernel;

            public final class Reference implements ArrayKernel {
                @Override
                public void run(int n, double[][] in, double[] out) {
                    double a = in[0][0];
                    for (int i = 0; i < n; i++) {
                        out[i] = a * in[1][i] + in[2][i];
                    }
                }
            }
            """;
    static final ArrayKernelTarget TARGET = ArrayKernelTarget.describing(new ArrayKernelSpec("saxpy", "out = a*x + y",
            "Saxpy", SEED, "Reference", REFERENCE,
            List.of(new ArrayKernelSpec.Input("a", "1", -2, 2), new ArrayKernelSpec.Input("x", "n", -1, 1),
                    new ArrayKernelSpec.Input("y", "n", -1, 1)),
            "n", "2*n", null, List.of(1, 2, 3, 17, 100), 4096, 1e-12, 1e-12, List.of(Construct.PARALLEL_STREAMS)));
    static final CascadeConfig CONFIG = TestWorkers.quick(Duration.ofSeconds(20));

    @TempDir
    static Path lockDir;
    static TestWorkers workers;
    static Cascade cascade;

    @BeforeAll
    static void start() {
        workers = TestWorkers.start(1, lockDir, TARGET, CONFIG, new JavaParserStaticCheck());
        cascade = workers.cascade;
    }

    @AfterAll
    static void stop() {
        workers.close();
    }

    static String withBody(String body) {
        return SEED.replace("        for (int i = 0; i < n; i++) {\n            out[i] = in[0][0] * in[1][i] + in[2][i];\n"
                + "        }\n", body);
    }

    @Test
    void theSeedAndAFasterVariantAreMeasuredAgainstTheUsersReference() throws Exception {
        assertThat(cascade.evaluate(SEED)).isInstanceOf(Measured.class);
        EvaluationOutcome hoisted = cascade.evaluate(withBody("""
                        double a = in[0][0];
                        double[] x = in[1], y = in[2];
                        for (int i = 0; i < n; i++) {
                            out[i] = Math.fma(a, x[i], y[i]);
                        }
                """));
        assertThat(hoisted).isInstanceOf(Measured.class);
        assertThat(((Measured) hoisted).timing().size()).isEqualTo(4096);
    }

    @Test
    void aWrongVariantIsIncorrectWithTheFirstMismatch() throws Exception {
        EvaluationOutcome wrong = cascade.evaluate(withBody("""
                        for (int i = 0; i < n - 1; i++) {
                            out[i] = in[0][0] * in[1][i] + in[2][i];
                        }
                """));
        assertThat(wrong).isInstanceOf(Incorrect.class);
        assertThat(wrong.detail()).contains("size 1: element 0 (out[0])");
    }

    @Test
    void theStaticCheckAppliesToCustomKernelsToo() throws Exception {
        EvaluationOutcome escaping = cascade.evaluate(withBody("        System.exit(0);\n"));
        assertThat(escaping).isInstanceOf(EvaluationOutcome.Rejected.class);
        assertThat(escaping.detail()).contains("System.exit");
    }
}
