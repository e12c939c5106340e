package dev.evolve.kernels.roofline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.aparapi.AparapiTarget;
import dev.evolve.kernels.aparapi.AparapiTargets;
import dev.evolve.kernels.opencl.KernelArg;
import dev.evolve.kernels.opencl.OpenClProblem;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import dev.evolve.kernels.roofline.Roofline.Bound;
import dev.evolve.kernels.roofline.Roofline.Precision;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The rooflines the targets declare: a traffic bound's bytes are exactly the arrays a call must read and
 * write (the problem's inputs and output), matmuls name a GEMM of their own size and precision, every
 * built-in target declares a bound, and resized targets follow their size.
 */
class RooflineTest {

    /** Sizes small enough to build problems for quickly; not multiples of any tile. */
    private static final List<Integer> SIZES = List.of(1, 3, 17, 100);

    @Test
    void everyBuiltInTargetDeclaresABound() {
        List<Target> all = new ArrayList<>(Targets.all());
        all.addAll(OpenClTargets.all());
        all.addAll(AparapiTargets.all());
        for (Target t : all) {
            assertThat(t.roofline(t.timingSize()).isEmpty()).as(t.name()).isFalse();
        }
    }

    @Test
    void javaTargetsTrafficIsTheArraysTheyReadAndWrite() {
        int checked = 0;
        for (KernelTarget t : Targets.all()) {
            for (int n : SIZES) {
                Optional<Bound.Traffic> traffic = traffic(t.roofline(n));
                if (traffic.isEmpty()) {
                    continue;
                }
                Problem p = t.newProblem(n, 7L);
                long read = 0;
                for (Object input : p.inputs()) {
                    read += bytesOf(input);
                }
                assertThat(traffic.get().readBytes()).as(t.name() + " reads at n=" + n).isEqualTo((double) read);
                assertThat(traffic.get().writtenBytes()).as(t.name() + " writes at n=" + n)
                        .isEqualTo((double) bytesOf(p.output()));
                // the target's byte count (its GB/s figure) is the same traffic, up to a returned scalar
                assertThat(Math.abs(traffic.get().totalBytes() - t.bytes(n))).as(t.name() + " bytes(n) at n=" + n)
                        .isLessThanOrEqualTo(Double.BYTES);
                checked++;
            }
        }
        // transpose, prefix-sum, stencil, histogram, matvec, dot, softmax
        assertThat(checked).isEqualTo(7 * SIZES.size());
    }

    @Test
    void openClTargetsTrafficIsTheirInputAndOutputBuffers() {
        for (OpenClTarget t : OpenClTargets.all()) {
            for (int n : List.of(3, 17)) {
                Optional<Bound.Traffic> traffic = traffic(t.roofline(n));
                if (traffic.isEmpty()) {
                    continue;
                }
                OpenClProblem p = t.newProblem(n, 7L);
                long read = 0;
                long written = 0;
                for (KernelArg a : p.arguments()) {
                    switch (a) {
                        case KernelArg.FloatInput in -> read += (long) in.data().length * Float.BYTES;
                        case KernelArg.FloatOutput out -> written += (long) out.data().length * Float.BYTES;
                        case KernelArg.IntValue ignored -> { }
                    }
                }
                assertThat(traffic.get().readBytes()).as(t.name() + " reads at n=" + n).isEqualTo((double) read);
                assertThat(traffic.get().writtenBytes()).as(t.name() + " writes at n=" + n).isEqualTo((double) written);
                assertThat(traffic.get().totalBytes()).as(t.name()).isEqualTo(t.bytes(n));
            }
        }
        assertThat(traffic(OpenClTargets.require("matvec-opencl").roofline(64))).isPresent();
        assertThat(traffic(OpenClTargets.require("transpose-opencl").roofline(64))).isPresent();
    }

    @Test
    void matmulsAreBoundByAGemmOfTheirSizeAndPrecisionAndByTheFmaPeak() {
        assertThat(Targets.require("matmul").roofline(512).bounds()).containsExactly(
                new Bound.Gemm(Precision.F64, 512), new Bound.Arithmetic(Bound.Op.FMA_F64, 512.0 * 512 * 512));
        assertThat(Targets.require("matmul-f32").roofline(256).bounds()).containsExactly(
                new Bound.Gemm(Precision.F32, 256), new Bound.Arithmetic(Bound.Op.FMA_F32, 256.0 * 256 * 256));
        assertThat(OpenClTargets.require("matmul-opencl").roofline(1024).bounds())
                .contains(new Bound.Gemm(Precision.F32, 1024));
        for (AparapiTarget t : AparapiTargets.all()) {
            if (t.name().startsWith("matmul")) {
                assertThat(t.roofline(t.timingSize()).bounds()).contains(new Bound.Gemm(Precision.F32, t.timingSize()));
            }
        }
        // the GEMM's FLOPs are the target's
        KernelTarget matmul = Targets.require("matmul");
        assertThat(new Bound.Gemm(Precision.F64, 77).flops()).isEqualTo(matmul.flops(77));
    }

    @Test
    void softmaxIsBoundByOneExponentialPerElementAndItsTraffic() {
        assertThat(Targets.require("softmax").roofline(10).bounds()).containsExactly(
                new Bound.Arithmetic(Bound.Op.EXP_F64, 100), new Bound.Traffic(800, 800));
    }

    @Test
    void resizedTargetsDeclareTheirNewSize() {
        KernelTarget small = Targets.require("matmul").withTimingSize(64);
        assertThat(small.roofline(small.timingSize()).bounds()).contains(new Bound.Gemm(Precision.F64, 64));
        OpenClTarget cl = OpenClTargets.withTimingSize(OpenClTargets.require("transpose-opencl"), 32);
        assertThat(cl.roofline(cl.timingSize())).isEqualTo(OpenClTargets.require("transpose-opencl").roofline(32));
    }

    @Test
    void trafficIsMeasuredByTheStreamKernelOfTheClosestReadShare() {
        assertThat(new Bound.Traffic(100, 0).closestStream()).isEqualTo(Roofline.Stream.READ);
        assertThat(new Bound.Traffic(1e6, 8).closestStream()).isEqualTo(Roofline.Stream.READ);
        assertThat(new Bound.Traffic(100, 100).closestStream()).isEqualTo(Roofline.Stream.COPY);
        assertThat(new Bound.Traffic(200, 100).closestStream()).isEqualTo(Roofline.Stream.TRIAD);
        assertThat(new Bound.Traffic(100, 300).closestStream()).isEqualTo(Roofline.Stream.COPY);
    }

    @Test
    void boundsRejectMeaninglessAmounts() {
        assertThatThrownBy(() -> new Bound.Traffic(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bound.Traffic(-1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bound.Traffic(Double.NaN, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bound.Traffic(Double.POSITIVE_INFINITY, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bound.Arithmetic(Bound.Op.FMA_F64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bound.Arithmetic(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Bound.Gemm(Precision.F64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Roofline.none().isEmpty()).isTrue();
    }

    private static Optional<Bound.Traffic> traffic(Roofline r) {
        return r.bounds().stream().filter(Bound.Traffic.class::isInstance).map(Bound.Traffic.class::cast).findFirst();
    }

    private static long bytesOf(Object array) {
        Class<?> c = array.getClass().getComponentType();
        int element = c == double.class || c == long.class ? 8 : c == float.class || c == int.class ? 4
                : c == short.class || c == char.class ? 2 : 1;
        return (long) Array.getLength(array) * element;
    }
}
