package dev.evolve.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.EvolveBlock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The host side of every OpenCL target, checked with Java stand-ins for the seed kernels. */
class OpenClTargetsTest {

    static List<OpenClTarget> targets() {
        return OpenClTargets.all();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void seedHasAnEvolveBlockHoldingTheKernelAndEveryHostKnob(OpenClTarget t) {
        EvolveBlock block = EvolveBlock.of(t.seedSource()).orElseThrow();
        assertThat(block.body()).contains("__kernel void " + t.kernelName() + "(");
        Knobs knobs = Knobs.parse(block.body());
        assertThat(t.knobProblems(knobs)).isEmpty();
        assertThat(t.knobs()).allSatisfy(k -> assertThat(knobs.values()).containsKey(k.name()));
        assertThat(t.language()).isEqualTo("opencl-c");
        assertThat(t.fileName()).endsWith(".cl");
        assertThat(t.flops(t.timingSize())).isPositive();
        assertThat(t.bytes(t.timingSize())).isPositive();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void checkSizesStartSmallAndIncludeSizesThatAreNoMultipleOfCommonTiles(OpenClTarget t) {
        assertThat(t.checkSizes().getFirst()).isEqualTo(1);
        assertThat(t.checkSizes()).anyMatch(n -> n > 64 && n % 2 == 1);
        assertThat(t.checkSizes()).anyMatch(n -> n > 128 && n % 4 != 0);
        assertThat(t.checkSizes()).isSorted();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void outputsStartAsNoiseAndTheSeedsArithmeticPasses(OpenClTarget t) {
        for (int n : List.of(1, 7, 33)) {
            OpenClProblem p = t.newProblem(n, 42L + n);
            assertThat(p.verify()).as("noise must not pass").isPresent();
            runSeedInJava(t.name(), p);
            assertThat(p.verify()).as(t.name() + " at n=" + n).isEmpty();
            float[] out = output(p);
            out[out.length - 1] += 0.5f;
            Optional<dev.evolve.kernels.Mismatch> wrong = p.verify();
            assertThat(wrong).isPresent();
            assertThat(wrong.get().index()).isEqualTo(out.length - 1);
        }
    }

    @Test
    void problemsAreSeededAndScramblingChangesTheOutput() {
        OpenClTarget t = OpenClTargets.require("matmul-opencl");
        OpenClProblem a = t.newProblem(9, 5L);
        OpenClProblem b = t.newProblem(9, 5L);
        assertThat(input(a, 0)).isEqualTo(input(b, 0));
        float[] before = output(a).clone();
        a.scrambleOutputs();
        assertThat(output(a)).isNotEqualTo(before);
        assertThatThrownBy(() -> OpenClTargets.require("nope"))
                .hasMessageContaining("matmul-opencl, matvec-opencl, transpose-opencl");
    }

    /** What each seed computes, in float, in the seed's order. */
    private static void runSeedInJava(String target, OpenClProblem p) {
        int n = p.size();
        float[] out = output(p);
        switch (target) {
            case "matmul-opencl" -> {
                float[] a = input(p, 0);
                float[] b = input(p, 1);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        float s = 0f;
                        for (int k = 0; k < n; k++) {
                            s += a[i * n + k] * b[k * n + j];
                        }
                        out[i * n + j] = s;
                    }
                }
            }
            case "matvec-opencl" -> {
                float[] a = input(p, 0);
                float[] x = input(p, 1);
                for (int i = 0; i < n; i++) {
                    float s = 0f;
                    for (int j = 0; j < n; j++) {
                        s += a[i * n + j] * x[j];
                    }
                    out[i] = s;
                }
            }
            case "transpose-opencl" -> {
                float[] a = input(p, 0);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        out[j * n + i] = a[i * n + j];
                    }
                }
            }
            default -> throw new AssertionError("no Java stand-in for " + target);
        }
    }

    private static float[] input(OpenClProblem p, int which) {
        return p.arguments().stream().filter(a -> a instanceof KernelArg.FloatInput)
                .map(a -> ((KernelArg.FloatInput) a).data()).toList().get(which);
    }

    private static float[] output(OpenClProblem p) {
        return p.arguments().stream().filter(a -> a instanceof KernelArg.FloatOutput)
                .map(a -> ((KernelArg.FloatOutput) a).data()).findFirst().orElseThrow();
    }
}
