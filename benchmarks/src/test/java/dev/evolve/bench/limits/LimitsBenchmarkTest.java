package dev.evolve.bench.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.bench.limits.MachineLimits.Figure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsBenchmarkTest {

    @TempDir
    Path dir;

    /**
     * The whole benchmark at tiny sizes, with the project's real OpenBLAS script: every bandwidth and peak
     * figure is measured on 1 and 2 threads, and the GEMM of the chosen target either has a figure or says it
     * was not installed. No figure's size is judged: timings are not asserted.
     */
    @Test
    void measuresEveryFigureAndWritesAFileThatReadsBack() throws Exception {
        Path out = dir.resolve("limits.tsv");
        LimitsBenchmark.Options o = LimitsBenchmark.parse(new String[] {
                "--out", out.toString(), "--array-mib", "1", "--reps", "1", "--peak-ms", "5", "--threads", "2",
                "--openblas", Path.of("openblas", "run.sh").toString(), "--size", "16", "matmul", "dot"});
        var log = new ByteArrayOutputStream();
        MachineLimits limits = LimitsBenchmark.measure(o, new PrintStream(log, true, StandardCharsets.UTF_8));
        limits.write(out);

        MachineLimits read = MachineLimits.read(out);
        assertThat(read).isEqualTo(MachineLimits.parse(limits.format(), "the same figures, as written"));
        for (String name : List.of("stream-read", "stream-copy", "stream-triad", "fma-f64", "fma-f32", "exp-f64")) {
            assertThat(read.all(name)).as(name).extracting(Figure::threads).containsExactly(1, 2);
            assertThat(read.all(name)).as(name).allSatisfy(f -> assertThat(f.measured()).isTrue());
        }
        assertThat(read.all("dgemm-16")).extracting(Figure::threads).containsExactly(1, 2);
        assertThat(read.all("dgemm-16")).allSatisfy(f -> assertThat(f.measured() || f.detail().startsWith("not installed"))
                .as(f.detail()).isTrue());
        assertThat(read.figures()).extracting(Figure::name).noneMatch(n -> n.startsWith("sgemm"));
        assertThat(read.comments()).first().asString().startsWith("evolve machine limits:");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("limits: stream-triad 2 threads: ");
    }

    @Test
    void commandLine() {
        LimitsBenchmark.Options d = LimitsBenchmark.parse(new String[0]);
        assertThat(d.out()).isEqualTo(Path.of("results", "compare", "limits.tsv"));
        assertThat(d.arrayMib()).isEqualTo(256);
        assertThat(d.reps()).isEqualTo(5);
        assertThat(d.openblas()).isEqualTo(Path.of("benchmarks", "openblas", "run.sh"));
        // every built-in target's GEMM at its timing size: matmul, matmul-f32, matmul-opencl, matmul-aparapi
        assertThat(LimitOf.gemms(d.rooflines())).extracting(g -> MachineLimits.gemmName(g.precision().gemm(), g.n()))
                .containsExactlyInAnyOrder("dgemm-512", "sgemm-256", "sgemm-1024");

        LimitsBenchmark.Options q = LimitsBenchmark.parse(new String[] {"--quick", "--openblas", "none", "--threads", "1",
                "matmul-opencl"});
        assertThat(q.reps()).isEqualTo(2);
        assertThat(q.openblas()).isNull();
        assertThat(q.threadCounts()).containsExactly(1);
        assertThat(LimitOf.gemms(q.rooflines())).singleElement().extracting(g -> g.n()).isEqualTo(1024);

        assertThatThrownBy(() -> LimitsBenchmark.parse(new String[] {"nope"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown target 'nope'");
        assertThatThrownBy(() -> LimitsBenchmark.parse(new String[] {"--reps", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> LimitsBenchmark.parse(new String[] {"--reps"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LimitsBenchmark.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option");
    }
}
