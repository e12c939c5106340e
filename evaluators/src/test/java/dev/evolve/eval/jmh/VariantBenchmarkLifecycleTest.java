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
    void seedPassesVerificationEveryIteration() throws Exception {
        VariantBenchmark bench = harness(Variants.compileTo(MATMUL, MATMUL.seedSource(), dir));
        for (int iteration = 0; iteration < 4; iteration++) {
            bench.nextProblem();
            bench.invoke();
            bench.invoke();
            assertThatCode(bench::verifyOutput).doesNotThrowAnyException();
        }
        bench.unload();
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
