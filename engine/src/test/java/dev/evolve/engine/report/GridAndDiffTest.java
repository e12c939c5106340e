package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.record.Machine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridAndDiffTest {

    @Test
    void fourDimensionsLayOutAsTwoByTwoMixedRadixWithEveryCellOnce() {
        var g = new IslandGrids(List.of("code_size", "vector_api", "parallel", "loop_depth"), List.of(6, 2, 2, 6),
                List.of());
        IslandGrids.Layout layout = g.layout();
        assertThat(layout.rowDimensions()).isEqualTo(2);
        assertThat(layout.rows()).hasSize(12);
        assertThat(layout.columns()).hasSize(12);
        assertThat(layout.rows().get(3)).containsExactly(1, 1);
        assertThat(layout.columns().get(7)).containsExactly(1, 1);
        assertThat(layout.key(layout.rows().get(3), layout.columns().get(7))).isEqualTo("1,1,1,1");
        java.util.Set<String> keys = new java.util.HashSet<>();
        layout.rows().forEach(r -> layout.columns().forEach(c -> keys.add(layout.key(r, c))));
        assertThat(keys).hasSize(g.cellCount()).contains("5,1,1,5", "0,0,0,0");
    }

    @Test
    void oneDimensionIsOneColumnOfRows() {
        var g = new IslandGrids(List.of("for_loops"), List.of(8), List.of(new IslandGrids.Island(0,
                Map.of("3", new IslandGrids.Elite("x", 2.0, 1.0, "seed")), 1, 1, 0, 0)));
        assertThat(g.layout().rows()).hasSize(8);
        assertThat(g.layout().columns()).containsExactly(List.of());
        assertThat(g.layout().key(List.of(3), List.of())).isEqualTo("3");
        assertThat(g.scoreRange()).containsExactly(2.0, 2.0);
    }

    @Test
    void unifiedDiffShowsChangedLinesWithContextAndNothingForEqualSources() {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String b = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
        List<String> diff = Diffs.unified("old", a, "new", b);
        assertThat(diff).startsWith("--- old", "+++ new");
        assertThat(diff).contains("-d", "+D", "+i", " c");
        assertThat(HtmlLineage.changed(diff)).containsExactly(2, 1);
        assertThat(Diffs.unified("old", a, "new", a)).isEmpty();
    }

    @Test
    void rampRunsFromLightToDark() {
        assertThat(HtmlGrids.ramp(0)).isEqualTo("#eff6ff");
        assertThat(HtmlGrids.ramp(1)).isEqualTo("#1e3a8a");
        assertThat(HtmlGrids.ramp(-3)).isEqualTo(HtmlGrids.ramp(0));
    }

    @Test
    void cpuModelFromProcCpuinfo() {
        assertThat(Machine.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC  9R14 96-Core Processor\nflags : x\n"))
                .isEqualTo("AMD EPYC 9R14 96-Core Processor");
        assertThat(Machine.cpuModel("")).isEqualTo("unknown");
    }
}
