package dev.evolve.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {

    @TempDir
    Path dir;

    private static Timeline.Evaluation measured(long iteration, double seconds, double score) {
        return new Timeline.Evaluation(iteration, seconds, "measured", score, score);
    }

    private static final String RUN_STARTED =
            "{\"time\":\"2026-01-01T00:00:00Z\",\"event\":\"run_started\",\"elapsed_ms\":0}";

    /** An event log of {@code lines}, one event a line. */
    private Path eventLog(String... lines) throws java.io.IOException {
        return Files.writeString(dir.resolve("events.jsonl"), String.join("\n", lines));
    }

    /** An {@code evaluated} line of the event log, with the same score and GFLOP/s. */
    private static String evaluated(String time, int iteration, String id, String parent, String origin, String status,
                                    double score) {
        return "{\"time\":\"" + time + "\",\"event\":\"evaluated\",\"iteration\":" + iteration + ",\"id\":\"" + id
                + "\",\"parent\":\"" + parent + "\",\"origin\":\"" + origin + "\",\"status\":\"" + status
                + "\",\"score\":" + score + ",\"gflops\":" + score + "}";
    }

    @Test
    void bestSoFarStartsAtTheSeedAndRisesOnlyOnImprovements() {
        var t = new Timeline(List.of(measured(1, 5, 0.9), measured(2, 6, 3.0),
                new Timeline.Evaluation(3, 7, "incorrect", 0, 0), measured(4, 8, 2.0), measured(5, 9, 7.5)),
                4.0, List.of(), Map.of("measured", 4L, "incorrect", 1L), 10);
        assertThat(t.bestSoFar()).containsExactly(new Timeline.Best(4, 0, 1.0), new Timeline.Best(6, 2, 3.0),
                new Timeline.Best(9, 5, 7.5));
    }

    @Test
    void throughputCountsChildrenPerMinuteInRoundIntervalsAndFoldsAShortStub() {
        List<Timeline.Evaluation> evaluations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {                       // 30 children in the first 30 s, then 6 in the next 30
            evaluations.add(measured(i + 1, i, 2));
        }
        for (int i = 0; i < 6; i++) {
            evaluations.add(measured(31 + i, 30 + 5 * i, 2));
        }
        var t = new Timeline(evaluations, null, List.of(), Map.of("measured", 36L), 62);
        List<Timeline.Rate> rates = t.throughput();            // 62 s / 20 -> 5 s intervals; the 2 s stub joins the last
        assertThat(rates).hasSize(12);
        assertThat(rates.getFirst().perMinute()).isCloseTo(60.0, within(1e-9));   // 5 children in 5 s
        assertThat(rates.getLast().fromSeconds()).isEqualTo(55);
        assertThat(rates.getLast().toSeconds()).isEqualTo(62);
        double total = rates.stream().mapToDouble(r -> r.perMinute() * (r.toSeconds() - r.fromSeconds()) / 60).sum();
        assertThat(total).isCloseTo(36.0, within(1e-9));
    }

    @Test
    void roundIntervals() {
        assertThat(Timeline.roundInterval(0.1)).isEqualTo(5);
        assertThat(Timeline.roundInterval(30.5)).isEqualTo(60);
        assertThat(Timeline.roundInterval(1e6)).isEqualTo(3600);
    }

    @Test
    void runTimeSkipsThePauseBeforeAResumeAndTornLinesAreCountedNotFatal() throws Exception {
        Path log = eventLog(RUN_STARTED,
                "{\"time\":\"2026-01-01T00:00:02Z\",\"event\":\"seed\",\"id\":\"s\",\"gflops\":1.0}",
                evaluated("2026-01-01T00:00:10Z", 1, "a", "s", "ast:x(1)", "measured", 2.0),
                "{\"time\":\"2026-01-01T00:00:20Z\",\"event\":\"run_interrupted\",\"elapsed_ms\":20000}",
                "{\"time\":\"2026-01-01T05:00:00Z\",\"event\":\"run_resumed\",\"elapsed_ms\":20000}",
                evaluated("2026-01-01T05:00:05Z", 2, "b", "a", "ast:y(2)", "incorrect", 0.0),
                "{\"time\":\"2026-01-01T05:00:06Z\",\"event\":\"evalu");
        EventHistory h = EventHistory.read(log);
        assertThat(h.unreadable()).isEqualTo(1);
        assertThat(h.timeline().evaluations()).extracting(Timeline.Evaluation::seconds).containsExactly(10.0, 25.0);
        assertThat(h.timeline().seedSeconds()).isEqualTo(2.0);
        assertThat(h.timeline().endSeconds()).isEqualTo(25.0);
        assertThat(h.timeline().statusCounts()).containsExactly(Map.entry("measured", 1L), Map.entry("incorrect", 1L));
        assertThat(h.endEvent()).as("the resumed session has not ended").isNull();
        assertThat(h.children().get("b").parent()).isEqualTo("a");
    }

    @Test
    void lineageFromTheEventLogFollowsParentsToTheSeed() throws Exception {
        Path log = eventLog(RUN_STARTED,
                "{\"time\":\"2026-01-01T00:00:01Z\",\"event\":\"seed\",\"id\":\"s\"}",
                evaluated("2026-01-01T00:00:02Z", 1, "a", "s", "ast:x(1)", "measured", 2.0),
                evaluated("2026-01-01T00:00:03Z", 2, "b", "a", "ast:y(2)", "measured", 5.0),
                evaluated("2026-01-01T00:00:04Z", 3, "c", "s", "ast:z(3)", "measured", 5.0), "");
        Lineage l = ProgramHistory.lineageFromEvents(EventHistory.read(log), null).orNull();
        assertThat(l.bestId()).as("the earlier of two equal scores").isEqualTo("b");
        assertThat(l.steps()).extracting(Lineage.Step::id).containsExactly("s", "a", "b");
        assertThat(l.hasSources()).isFalse();
        assertThat(ProgramHistory.lineageFromEvents(EventHistory.read(log), "c").orNull().steps())
                .extracting(Lineage.Step::origin).containsExactly("seed", "ast:z(3)");
    }
}
