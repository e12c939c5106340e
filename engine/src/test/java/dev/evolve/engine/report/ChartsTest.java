package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static Timeline timeline() {
        return new Timeline(List.of(new Timeline.Evaluation(1, 3, "measured", 2.0, 1.0),
                new Timeline.Evaluation(2, 5, "incorrect", 0, 0), new Timeline.Evaluation(3, 8, "measured", 4.0, 2.0)),
                1.0, List.of(new Timeline.Confirmation(9, "x", 3.5, 1.8)), Map.of("measured", 2L, "incorrect", 1L), 10);
    }

    @Test
    void chartsRenderAsSvgDocuments() {
        for (var chart : List.of(Charts.bestVsTime(timeline()), Charts.bestVsIteration(timeline()),
                Charts.statusCounts(timeline()), Charts.throughput(timeline()))) {
            String svg = chart.orNull().svg();
            assertThat(svg).startsWith("<?xml").contains("<svg", "viewBox=\"0 0 640 320\"").endsWith("</svg>\n");
        }
    }

    /** A scored timeline (lower is better) of a seed at {@code seed} and measured children at {@code values}. */
    private static Timeline scored(double seed, double... values) {
        List<Timeline.Evaluation> evaluations = new java.util.ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            evaluations.add(new Timeline.Evaluation(i + 1, 2 + i, "measured", 1 / (1 + values[i]), 0, values[i]));
        }
        evaluations.add(new Timeline.Evaluation(values.length + 1, 3 + values.length, "rejected", 0, 0, null));
        return new Timeline(evaluations, 1.0, List.of(), Map.of("measured", (long) values.length, "rejected", 1L),
                10, new PrimaryMetric("energy", false), seed);
    }

    @Test
    void scoredChartsPlotTheMetricOnALogAxisOnlyWhenItSpansOverAFactorOfTenAboveZero() {
        BestPlot wide = BestPlot.overIterations(scored(1522, 40_000, 800, 900, 60));
        assertThat(wide.cloudY()).containsExactly(40_000.0, 800.0, 900.0, 60.0);
        assertThat(wide.bestY()).as("seed, each fall, held to the end").containsExactly(1522.0, 800.0, 60.0, 60.0);
        assertThat(wide.bestX()).containsExactly(0.0, 2.0, 4.0, 5.0);
        assertThat(wide.logarithmic()).isTrue();
        assertThat(BestPlot.overTime(scored(1.93, 1.5, 2.08)).logarithmic()).isFalse();
        assertThat(BestPlot.overTime(scored(3, -2, 50)).logarithmic()).as("a value at or below 0").isFalse();
        assertThat(Charts.bestVsTime(scored(3, -2, 50)).orNull().caption()).contains("energy (lower is better)")
                .doesNotContain("log");
        assertThat(Charts.bestVsTime(scored(1522, 60)).orNull().caption()).contains("(log scale)");
    }

    @Test
    void aTimelineWithoutEvaluationsHasNoThroughputOrStatusChart() {
        var empty = new Timeline(List.of(), 1.0, List.of(), Map.of(), 2);
        assertThat(Charts.statusCounts(empty)).isInstanceOf(Section.Unavailable.class);
        assertThat(Charts.throughput(empty)).isInstanceOf(Section.Unavailable.class);
        assertThat(Charts.bestVsTime(empty).isAvailable()).as("the seed alone is a point").isTrue();
    }

    @Test
    void inlineSvgScalesToItsContainerAndPrefixesEveryId() {
        String doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg height=\"320px\" viewBox=\"0 0 640 320\" "
                + "width=\"640px\" xmlns=\"http://www.w3.org/2000/svg\"><defs><clipPath id=\"clip1\"><rect/></clipPath>"
                + "</defs><g style=\"clip-path:url(#clip1);stroke-width:2\"/></svg>";
        String inline = Svg.inline(doc, "c3-", "A <title>");
        assertThat(inline).startsWith("<svg viewBox=\"0 0 640 320\"").doesNotContain("<?xml", "DOCTYPE", "640px")
                .contains("id=\"c3-clip1\"", "url(#c3-clip1)", "stroke-width:2", "aria-label=\"A &lt;title&gt;\"");
    }

    @Test
    void axisBoundsAreRound() {
        assertThat(Charts.roundUp(982)).isEqualTo(1000);
        assertThat(Charts.roundUp(10.16)).isEqualTo(12);
        assertThat(Charts.roundUp(40)).isEqualTo(40);
        assertThat(Charts.roundUp(0)).isEqualTo(1);
    }
}
