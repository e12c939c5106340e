package dev.evolve.eval.jmh;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.bench.VariantBenchmark;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the harness's JMH lifecycle by hand, in process, as JMH would. */
class VariantBenchmarkLifecycleTest {

    private static final KernelTarget MATMUL = Targets.require("matmul");

    @TempDir
    Path dir;

    private VariantBenchmark harness(Path classes) throws Exception {
        var bench = new VariantBenchmark();
        bench.target = "matmul";
        bench.classDir = classes.toString();
        bench.className = "Matmul";
        bench.size = 17;
        bench.loadVariant();
        return bench;
    }

    @Test
    void seedPassesVerificationEveryInvocation() throws Exception {
        VariantBenchmark bench = harness(Variants.compileTo(MATMUL, MATMUL.seedSource(), dir));
        for (int invocation = 0; invocation < 4; invocation++) {
            bench.nextProblem();
            bench.invoke();
            assertThatCode(bench::verifyOutput).doesNotThrowAnyException();
        }
        bench.unload();
    }

    @Test
    void everyInvocationStartsFromFreshNoiseSoAnEarlyReturnFails() throws Exception {
        // returns at once when c already looks like an answer: the old harness let it skip the work
        String lazy = Variants.withMultiplyBody(MATMUL, """
                        if (n > 0 && Math.abs(c[0]) <= n && Math.abs(c[c.length - 1]) <= n) {
                            return;
                        }
                        for (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++) {
                                double s = 0;
                                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                                c[i * n + j] = s;
                            }
                """);
        VariantBenchmark bench = harness(Variants.compileTo(MATMUL, lazy, dir));
        for (int invocation = 0; invocation < 3; invocation++) {
            bench.nextProblem();
            bench.invoke();
            assertThatCode(bench::verifyOutput).doesNotThrowAnyException();
        }
        bench.nextProblem();   // a fresh problem, no invocation: the output holds noise, not the last answer
        assertThatThrownBy(bench::verifyOutput).hasMessageContaining("computed a wrong result");
    }

    @Test
    void kernelWritingToItsInputsFails() throws Exception {
        String scribbler = Variants.withMultiplyBody(MATMUL, """
                        for (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++) {
                                double s = 0;
                                for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
                                c[i * n + j] = s;
                            }
                        a[0] = Math.nextUp(a[0]);   // a cache hidden in the inputs' low bits
                """);
        VariantBenchmark bench = harness(Variants.compileTo(MATMUL, scribbler, dir));
        bench.nextProblem();
        bench.invoke();
        assertThatThrownBy(bench::verifyOutput).hasMessageContaining("input 0 element 0 was changed");
    }

    @Test
    void wrongOutputFailsTheIteration() throws Exception {
        VariantBenchmark bench = harness(Variants.compileTo(MATMUL, Variants.zeros(MATMUL), dir));
        bench.nextProblem();
        bench.invoke();
        assertThatThrownBy(bench::verifyOutput).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("computed a wrong result").hasMessageContaining("size 17");
    }

    @Test
    void outputLeftUntouchedFailsToo() throws Exception {
        VariantBenchmark bench = harness(Variants.compileTo(MATMUL, MATMUL.seedSource(), dir));
        bench.nextProblem();
        assertThatThrownBy(bench::verifyOutput).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void classThatIsNoKernelIsRefused() {
        String notAKernel = MATMUL.seedSource().replace("implements MatmulKernel", "").replace("@Override", "");
        Path classes = Variants.compileTo(MATMUL, notAKernel, dir);
        assertThatThrownBy(() -> harness(classes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not implement");
    }
}
