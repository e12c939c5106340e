package dev.evolve.bench.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.bench.limits.MachineLimits.Figure;
import dev.evolve.kernels.roofline.Roofline.Bound;
import dev.evolve.kernels.roofline.Roofline.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenBlasProbeTest {

    @TempDir
    Path dir;

    private static final String OUTPUT = """
            openblas: OPENBLAS_CORETYPE=unset 2 cores
            openblas dgemm n=512 threads=1 median 46.30 GFLOP/s best 47.27 GFLOP/s (186 calls)
            openblas dgemm n=512 threads=2 median 82.22 GFLOP/s best 84.64 GFLOP/s (186 calls)
            """;

    @Test
    void readsTheMedianOfEachThreadCount() {
        List<Figure> f = OpenBlasProbe.parse(OUTPUT, 0, new Bound.Gemm(Precision.F64, 512), List.of(1, 2));
        assertThat(f).extracting(Figure::name, Figure::threads, Figure::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dgemm-512", 1, 46.30),
                        org.assertj.core.groups.Tuple.tuple("dgemm-512", 2, 82.22));
        assertThat(f.getFirst().detail()).contains("median of 186 calls").contains("best 47.27");
    }

    @Test
    void aMissingLineOrAnotherRoutineIsNotMeasuredAndSaysWhy() {
        List<Figure> f = OpenBlasProbe.parse(OUTPUT, 0, new Bound.Gemm(Precision.F64, 512), List.of(1, 4));
        assertThat(f.get(0).measured()).isTrue();
        assertThat(f.get(1).measured()).isFalse();
        assertThat(f.get(1).detail()).contains("without a figure for 4 thread(s)");
        assertThat(OpenBlasProbe.parse(OUTPUT, 0, new Bound.Gemm(Precision.F32, 512), List.of(1)).getFirst().measured())
                .isFalse();
    }

    @Test
    void exitThreeIsNotInstalled() {
        List<Figure> f = OpenBlasProbe.parse("openblas: not installed: no cblas.h (Debian: apt-get install libopenblas-dev)\n",
                3, new Bound.Gemm(Precision.F32, 1024), List.of(1, 2));
        assertThat(f).hasSize(2).allSatisfy(x -> {
            assertThat(x.name()).isEqualTo("sgemm-1024");
            assertThat(x.measured()).isFalse();
            assertThat(x.detail()).isEqualTo("not installed: no cblas.h (Debian: apt-get install libopenblas-dev)");
        });
    }

    @Test
    void runsTheScriptWithThePrecisionThreadsAndNoInstallation() throws Exception {
        Path script = dir.resolve("run.sh");
        // a stand-in for run.sh that echoes what it was asked, in run.sh's own format
        Files.writeString(script, """
                [ "$OPENBLAS_INSTALL" = no ] || exit 9
                r=dgemm; [ "$PRECISION" = f32 ] && r=sgemm
                for t in $THREADS; do
                  echo "openblas $r n=$1 threads=$t median $((t * 10)).5 GFLOP/s best 99 GFLOP/s ($2 calls)"
                done
                """);
        List<Figure> f = new OpenBlasProbe(script).measure(new Bound.Gemm(Precision.F32, 64), List.of(1, 3));
        assertThat(f).extracting(Figure::name, Figure::threads, Figure::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sgemm-64", 1, 10.5), org.assertj.core.groups.Tuple.tuple("sgemm-64", 3, 30.5));
        assertThat(f.getFirst().detail()).contains("median of 200 calls");

        assertThat(new OpenBlasProbe(dir.resolve("absent.sh")).measure(new Bound.Gemm(Precision.F64, 8), List.of(1)))
                .singleElement().satisfies(x -> assertThat(x.detail()).contains("not found"));
        assertThat(new OpenBlasProbe(null).measure(new Bound.Gemm(Precision.F64, 8), List.of(1)))
                .singleElement().satisfies(x -> assertThat(x.measured()).isFalse());
    }

    @Test
    void callsShrinkWithTheGemmsSize() {
        assertThat(OpenBlasProbe.calls(new Bound.Gemm(Precision.F64, 64))).isEqualTo(200);
        assertThat(OpenBlasProbe.calls(new Bound.Gemm(Precision.F64, 512))).isEqualTo(186);
        assertThat(OpenBlasProbe.calls(new Bound.Gemm(Precision.F32, 1024))).isEqualTo(23);
        assertThat(OpenBlasProbe.calls(new Bound.Gemm(Precision.F32, 8192))).isEqualTo(10);
    }
}
