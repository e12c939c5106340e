package dev.evolve.bench.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.evolve.bench.limits.MachineLimits.Figure;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.opencl.OpenClTargets;
import dev.evolve.kernels.roofline.Roofline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitOfTest {

    /** Round figures: 10/40 GB/s read, 20/30 copy, 25/35 triad, 50/100 GFLOP/s f64 FMA, 100/200 f32, 1/2 Gexp/s. */
    static MachineLimits machine(boolean openblas) {
        List<Figure> f = new ArrayList<>(List.of(
                new Figure("stream-read", 1, 10, "GB/s", ""), new Figure("stream-read", 2, 40, "GB/s", ""),
                new Figure("stream-copy", 1, 20, "GB/s", ""), new Figure("stream-copy", 2, 30, "GB/s", ""),
                new Figure("stream-triad", 1, 25, "GB/s", ""), new Figure("stream-triad", 2, 35, "GB/s", ""),
                new Figure("fma-f64", 1, 50, "GFLOP/s", ""), new Figure("fma-f64", 2, 100, "GFLOP/s", ""),
                new Figure("fma-f32", 1, 100, "GFLOP/s", ""), new Figure("fma-f32", 2, 200, "GFLOP/s", ""),
                new Figure("exp-f64", 1, 1, "Gexp/s", ""), new Figure("exp-f64", 2, 2, "Gexp/s", "")));
        f.add(new Figure("dgemm-512", 1, openblas ? 40 : Double.NaN, "GFLOP/s", openblas ? "" : "not installed"));
        f.add(new Figure("dgemm-512", 2, openblas ? 80 : Double.NaN, "GFLOP/s", openblas ? "" : "not installed"));
        return new MachineLimits(List.of(), f);
    }

    @Test
    void matmulIsJudgedAgainstOpenBlasOfTheSameSizeAndPrecision() {
        LimitOf.Limit l = LimitOf.of(Targets.require("matmul").roofline(512), machine(true)).orElseThrow();
        assertThat(l.figure()).isEqualTo("dgemm-512");
        assertThat(l.seconds()).isCloseTo(2.0 * 512 * 512 * 512 / 80e9, within(1e-12));
        assertThat(l.notMeasured()).isEmpty();
        assertThat(l.label()).isEqualTo("dgemm-512 (80 GFLOP/s, 2 threads)");
        // a kernel taking twice OpenBLAS's time reaches half of it
        assertThat(l.shareAt(2 * l.seconds())).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void withoutOpenBlasAMatmulFallsBackToTheFmaPeakAndSaysSo() {
        LimitOf.Limit l = LimitOf.of(Targets.require("matmul").roofline(512), machine(false)).orElseThrow();
        assertThat(l.figure()).isEqualTo("fma-f64");
        assertThat(l.seconds()).isCloseTo(2.0 * 512 * 512 * 512 / 100e9, within(1e-12));
        assertThat(l.notMeasured()).containsExactly("dgemm-512");
        assertThat(l.label()).contains("not measured: dgemm-512");
        // a size nobody measured OpenBLAS at: the FMA peak too
        assertThat(LimitOf.of(Targets.require("matmul").roofline(100), machine(true)).orElseThrow().figure())
                .isEqualTo("fma-f64");
    }

    @Test
    void bandwidthTargetsAreJudgedByTheirBytesOverTheClosestStreamKernel() {
        int n = 1 << 20;
        LimitOf.Limit dot = LimitOf.of(Targets.require("dot").roofline(n), machine(true)).orElseThrow();
        assertThat(dot.figure()).isEqualTo("stream-read");
        assertThat(dot.seconds()).isCloseTo((16.0 * n + 8) / 40e9, within(1e-15));
        LimitOf.Limit transpose = LimitOf.of(Targets.require("transpose").roofline(1024), machine(true)).orElseThrow();
        assertThat(transpose.figure()).isEqualTo("stream-copy");
        assertThat(transpose.seconds()).isCloseTo(16.0 * 1024 * 1024 / 30e9, within(1e-15));
        LimitOf.Limit cl = LimitOf.of(OpenClTargets.require("transpose-opencl").roofline(1024), machine(true))
                .orElseThrow();
        assertThat(cl.seconds()).isCloseTo(8.0 * 1024 * 1024 / 30e9, within(1e-15));
        for (String name : List.of("prefix-sum", "stencil")) {
            assertThat(LimitOf.of(Targets.require(name).roofline(1000), machine(true)).orElseThrow().figure())
                    .as(name).isEqualTo("stream-copy");
        }
        for (String name : List.of("matvec", "histogram")) {     // at sizes where the output is small beside the input
            assertThat(LimitOf.of(Targets.require(name).roofline(1 << 20), machine(true)).orElseThrow().figure())
                    .as(name).isEqualTo("stream-read");
        }
    }

    @Test
    void softmaxTakesTheSlowerOfItsExponentialsAndItsTraffic() {
        int n = 512;
        LimitOf.Limit l = LimitOf.of(Targets.require("softmax").roofline(n), machine(true)).orElseThrow();
        // n^2 exps at 2 Gexp/s (131 us) against 4 MiB at 30 GB/s (140 us): the traffic binds here
        assertThat(l.figure()).isEqualTo("stream-copy");
        assertThat(l.seconds()).isCloseTo(16.0 * n * n / 30e9, within(1e-15));
        MachineLimits slowExp = new MachineLimits(List.of(), List.of(new Figure("exp-f64", 2, 0.5, "Gexp/s", ""),
                new Figure("stream-copy", 2, 30, "GB/s", "")));
        LimitOf.Limit e = LimitOf.of(Targets.require("softmax").roofline(n), slowExp).orElseThrow();
        assertThat(e.figure()).isEqualTo("exp-f64");
        assertThat(e.seconds()).isCloseTo((double) n * n / 0.5e9, within(1e-15));
    }

    @Test
    void noDeclaredBoundOrNoMeasuredFigureGivesNoLimit() {
        assertThat(LimitOf.of(Roofline.none(), machine(true))).isEmpty();
        assertThat(LimitOf.of(Targets.require("dot").roofline(1000), MachineLimits.none())).isEmpty();
        LimitOf.Limit l = LimitOf.of(Targets.require("dot").roofline(1000), machine(true)).orElseThrow();
        assertThat(l.shareAt(0)).isNaN();
        assertThat(l.shareAt(Double.NaN)).isNaN();
        // a figure in a unit the bound is not counted in is not used
        MachineLimits wrongUnit = new MachineLimits(List.of(), List.of(new Figure("stream-read", 2, 20000, "MB/s", "")));
        assertThat(LimitOf.of(Targets.require("dot").roofline(1000), wrongUnit)).isEmpty();
        MachineLimits mixed = new MachineLimits(List.of(), List.of(new Figure("fma-f64", 1, 50, "GFLOP/s", ""),
                new Figure("dgemm-512", 1, 40, "TFLOP/s", "")));
        assertThat(LimitOf.of(Targets.require("matmul").roofline(512), mixed).orElseThrow().notMeasured())
                .containsExactly("dgemm-512 (in TFLOP/s, not GFLOP/s)");
    }

    @Test
    void theGemmsToMeasureAreCollectedOnce() {
        var rooflines = List.of(Targets.require("matmul").roofline(512), Targets.require("matmul").roofline(512),
                Targets.require("matmul-f32").roofline(256), Targets.require("dot").roofline(10));
        assertThat(LimitOf.gemms(rooflines)).extracting(g -> MachineLimits.gemmName(g.precision().gemm(), g.n()))
                .containsExactly("dgemm-512", "sgemm-256");
    }
}
