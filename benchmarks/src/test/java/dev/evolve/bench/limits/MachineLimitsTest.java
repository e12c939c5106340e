package dev.evolve.bench.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.bench.limits.MachineLimits.Figure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineLimitsTest {

    @TempDir
    Path dir;

    static final String FILE = """
            # evolve machine limits: 2 cores, AMD EPYC, JDK 25, amd64
            # measured: 2026-12-07T02:00:00Z
            name\tthreads\tvalue\tunit\tdetail
            stream-read\t1\t20.5\tGB/s\tsum of a[i]
            stream-read\t2\t38\tGB/s\tsum of a[i]
            dgemm-512\t1\t\tGFLOP/s\tnot installed: no cblas.h
            dgemm-512\t2\t\tGFLOP/s\tnot installed: no cblas.h
            fma-f64\t1\t100\tGFLOP/s
            """;

    @Test
    void readsWhatItWritesAndPicksTheHighestMeasuredFigure() throws Exception {
        MachineLimits limits = MachineLimits.parse(FILE, "limits.tsv");
        assertThat(limits.comments()).hasSize(2).first().asString().startsWith("evolve machine limits");
        assertThat(limits.figures()).hasSize(5);
        assertThat(limits.best("stream-read")).get().extracting(Figure::threads, Figure::value).containsExactly(2, 38.0);
        assertThat(limits.best("dgemm-512")).isEmpty();
        assertThat(limits.all("dgemm-512")).hasSize(2).allSatisfy(f -> assertThat(f.detail()).startsWith("not installed"));
        assertThat(limits.best("fma-f64")).get().extracting(Figure::detail).isEqualTo("");
        assertThat(limits.best("nothing")).isEmpty();
        // on a loaded machine all threads can measure lower than one: the limit is the higher figure
        MachineLimits loaded = MachineLimits.parse(MachineLimits.HEADER + "\ndgemm-512\t1\t47\tGFLOP/s\t\n"
                + "dgemm-512\t2\t43\tGFLOP/s\t\n", "loaded");
        assertThat(loaded.best("dgemm-512")).get().extracting(Figure::threads).isEqualTo(1);

        Path file = dir.resolve("sub/limits.tsv");
        limits.write(file);
        MachineLimits again = MachineLimits.read(file);
        assertThat(again).isEqualTo(limits);
        assertThat(again.format()).isEqualTo(limits.format());
    }

    @Test
    void malformedFilesNameTheLine() {
        assertThatThrownBy(() -> MachineLimits.parse("stream-read\t1\t2\tGB/s\tx\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f:1").hasMessageContaining("header");
        assertThatThrownBy(() -> MachineLimits.parse("# only a comment\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a limits file");
        assertThatThrownBy(() -> MachineLimits.parse(MachineLimits.HEADER + "\nstream-read\tone\t2\tGB/s\t\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f:2").hasMessageContaining("numbers");
        assertThatThrownBy(() -> MachineLimits.parse(MachineLimits.HEADER + "\nstream-read\t1\t-2\tGB/s\t\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f:2").hasMessageContaining("> 0");
        assertThatThrownBy(() -> MachineLimits.parse(MachineLimits.HEADER + "\nstream-read\t0\t2\tGB/s\t\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threads");
        assertThatThrownBy(() -> MachineLimits.parse(MachineLimits.HEADER + "\nstream-read\t1\t2\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("separated by tabs");
        assertThatThrownBy(() -> MachineLimits.parse(MachineLimits.HEADER + "\n\t1\t2\tGB/s\t\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> MachineLimits.parse(MachineLimits.HEADER + "\nx\t1\tInfinity\tGB/s\t\n", "f"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    @Test
    void detailsLoseTabsAndLineBreaksSoTheFileStaysOneFigurePerLine() {
        Figure f = new Figure("x", 1, 1.5, "GB/s", "a\tb\nc");
        assertThat(f.detail()).isEqualTo("a b c");
        MachineLimits m = new MachineLimits(List.of("line\nbreak"), List.of(f));
        assertThat(MachineLimits.parse(m.format(), "m").figures()).containsExactly(f);
    }
}
