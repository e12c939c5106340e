package dev.evolve.kernels.aparapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import dev.evolve.kernels.matvec.MatvecKernel;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the Aparapi targets promise without a device: seeds of the right shape, sizes, resizing, the reused references. */
class AparapiTargetsTest {

    static Stream<AparapiTarget> targets() {
        return AparapiTargets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theSeedIsAKernelSubclassWithTheHostCallOutsideTheBlockAndTheLaunchInside(AparapiTarget target) {
        String seed = target.seedSource();
        EvolveBlock block = EvolveBlock.of(seed).orElseThrow();

        assertThat(block.before()).contains("import com.aparapi.Kernel;", "import com.aparapi.Range;")
                .contains("public final class " + target.className() + " extends Kernel implements "
                        + target.kernelInterface().getSimpleName())
                .contains("execute(range(n));");
        assertThat(block.body()).contains("static final int LOCAL = ", "Range range(int n)", "public void run()",
                "getGlobalId()");
        assertThat(target.fileName()).isEqualTo(target.className() + ".java");
        assertThat(target.language()).isEqualTo("java");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void checkSizesIncludeOneAndLaunchesThatAreNoMultipleOfTheSeedsLocalSize(AparapiTarget target) {
        Matcher m = Pattern.compile("static final int LOCAL = (\\d+);").matcher(target.seedSource());
        assertThat(m.find()).isTrue();
        int local = Integer.parseInt(m.group(1));

        assertThat(target.checkSizes()).contains(1);
        // matmul launches n * n work-items, matvec n: both include sizes that leave a partial work-group
        assertThat(target.checkSizes()).anyMatch(n -> n * n % local != 0 && n % local != 0 && n > local);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resizingChangesOnlyTheTimingSize(AparapiTarget target) {
        AparapiTarget small = target.withTimingSize(64);

        assertThat(small.timingSize()).isEqualTo(64);
        assertThat(small.name()).isEqualTo(target.name());
        assertThat(small.seedSource()).isEqualTo(target.seedSource());
        assertThat(small.base()).isSameAs(target);
        assertThat(small.withTimingSize(target.timingSize())).isSameAs(target);
        assertThat(small.flops(64)).isEqualTo(target.flops(64)).isPositive();
        assertThat(small.bytes(64)).isEqualTo(target.bytes(64)).isPositive();
        assertThatThrownBy(() -> target.withTimingSize(0)).hasMessageContaining(">= 1");
    }

    @Test
    void matmulReusesTheSinglePrecisionReferenceAndItsTolerance() {
        var target = new MatmulAparapiTarget();
        assertThat(target.timingSize()).isEqualTo(256);
        assertThat(target.flops(256)).isEqualTo(2.0 * 256 * 256 * 256);

        Problem p = target.newProblem(17, 3L);
        p.invoke((MatmulF32Kernel) AparapiTargetsTest::naiveFloat);
        assertThat(p.verify()).isEmpty();
        p.invoke((MatmulF32Kernel) (a, b, c, n) -> c[c.length - 1] += 1.0f);
        assertThat(p.verify()).isPresent();
    }

    @Test
    void matvecReusesTheDoublePrecisionReference() {
        Problem p = new MatvecAparapiTarget().newProblem(31, 5L);
        p.invoke((MatvecKernel) (a, x, y, n) -> {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += a[i * n + j] * x[j];
                }
                y[i] = s;
            }
        });
        assertThat(p.verify()).isEmpty();
    }

    @Test
    void targetsAreFoundByName() {
        assertThat(AparapiTargets.find("matmul-aparapi")).get().isInstanceOf(MatmulAparapiTarget.class);
        assertThat(AparapiTargets.find("matvec-aparapi")).get().isInstanceOf(MatvecAparapiTarget.class);
        assertThat(AparapiTargets.find("matmul")).isEmpty();
    }

    private static void naiveFloat(float[] a, float[] b, float[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }
}
