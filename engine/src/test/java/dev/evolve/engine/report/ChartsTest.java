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
