package dev.evolve.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RunEventCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T10:15:30.123456789Z");

    /** One of every record, with and without its optional figures. */
    static List<RunEvent> everyRecord() {
        return List.of(
                new RunEvent.Started(false, "matmul-1", "matmul", 42, 0, 0),
                new RunEvent.Started(true, "matmul-1", "matmul", 42, 17, 9000),
                new RunEvent.Seed("s1", 1_000_000L, 0.26, null, null, null),
                new RunEvent.Seed("s1", null, null, "cost", 3.5, Map.of("cost", 3.5, "size", 2.0)),
                new RunEvent.Episode(3, 1, "p", 1.5, 4, 17, 2.5, "[interchange(0)]", 1.75),
                new RunEvent.Evaluated(7, "c", "p", 2, "ast:interchange(0)", "measured", 2.5, 1.3, "ok", null),
                new RunEvent.Evaluated(8, "d", "p", 0, "ast:x", "measured", 0.4, 0, "", 2.5),
                new RunEvent.NewBest("c", 7, null, null, 2.5, 1.3, "ast:interchange(0)"),
                new RunEvent.NewBest("c", 7, "cost", 2.5, null, null, "ast:x"),
                new RunEvent.RetimeSeed(1_000_000L, 0.02),
                new RunEvent.RetimeChampion("c", 2.5, 2.4, 1.2, null, null),
                new RunEvent.RetimeChampion("c", 2.5, null, null, "incorrect", "mismatch at 3"),
                new RunEvent.JmhConfirmed("c", 10.9, 0.29, 400.7, 23.2, 36.7, 24.6, 30.1, null),
                new RunEvent.JmhConfirmed("c", 10.9, 0.29, 400.7, 23.2, 36.7, 24.6, 3.1, true),
                new RunEvent.EvaluatorError("java.io.IOException: pipe", 2),
                new RunEvent.SearchExhausted(200),
                new RunEvent.Ended(RunEvent.Ending.FINISHED, 60, 90_000, 3.5),
                new RunEvent.Ended(RunEvent.Ending.INTERRUPTED, 30, 45_000, 2.0),
                new RunEvent.Ended(RunEvent.Ending.FAILED, 3, 1_000, 0.0),
                new RunEvent.Ended(RunEvent.Ending.MODEL_STALLED, 1, 4_000, 1.1),
                new RunEvent.LlmBudgetSpent(0.25),
                new RunEvent.LlmError("java.lang.IllegalStateException: boom"),
                new RunEvent.LlmChild("gpt", "diff", "p", 2, 1000, 250, 0.0015),
                new RunEvent.LlmChild("gpt", "rewrite", "p", 1, 1000, 250, 0.0015, "g3"),
                new RunEvent.GuidanceRewritten(2, "gpt", "g7", "Tile for L2.", "g4", 0.05, 0.001),
                new RunEvent.GuidanceRewritten(3, "gpt", "g8", "Unroll by 4.", null, null, 0.0),
                new RunEvent.GuidanceRefused(4, "gpt", "no <guidance> ... </guidance> in the reply", 0.001),
                new RunEvent.LlmUnavailable("gpt", "HTTP 500"),
                new RunEvent.LlmRejected("gpt", "p", "no edit block", 1000, 20, 0.001),
                new RunEvent.LlmDuplicate("gpt", "p", "c", 1.5),
                new RunEvent.LlmNearCopy("gpt", "p", "c", 0.995),
                new RunEvent.LlmNearCopy("gpt", "p", null, 0.999),
                new RunEvent.LlmStalled(20, "stop", null),
                new RunEvent.LlmStalled(20, "back_off", 8),
                new RunEvent.Sandbox(false, "auto", "bwrap", "bubblewrap 0.8.0 starts a sandbox"),
                new RunEvent.Sandbox(true, "auto", "process", "bwrap is not on PATH"),
                new RunEvent.Cluster("member_joined", "10.0.0.5:5701", null, null, "2 slots"),
                new RunEvent.Cluster("member_left", "10.0.0.5:5701", null, null, null),
                new RunEvent.Cluster("member_refused", "10.0.0.6:5701", null, null, "engine version 0.0.1"),
                new RunEvent.Cluster("dispatched", "10.0.0.5:5701", "c0ffee", 1, null),
                new RunEvent.Cluster("redispatched", "10.0.0.5:5701", "c0ffee", 1, "its member left"),
                new RunEvent.Cluster("dropped_late", "10.0.0.5:5701", "c0ffee", 1, "answered after its lease ran out"),
                new RunEvent.Other("from_a_newer_engine", Map.of("answer", 42, "note", "kept")));
    }

    @Test
    void everyRecordReadsBackEqual() {
        List<RunEvent> all = everyRecord();
        for (RunEvent event : all) {
            String line = RunEventCodec.write(T, event);
            assertThat(line).doesNotContain("\n").contains("\"event\":\"" + event.name() + "\"");
            var back = RunEventCodec.read(line).orElseThrow();
            assertThat(back.time()).isEqualTo(T);
            assertThat(back.event()).as(line).isEqualTo(event);
        }
        // every kind of the sealed type is covered
        assertThat(all.stream().map(Object::getClass).distinct().count())
                .isEqualTo(RunEvent.class.getPermittedSubclasses().length);
    }

    @Test
    void optionalFiguresAreLeftOutOfTheLineAndTheFieldNamesAreTheLogsOwn() throws IOException {
        var timed = JSON.readTree(RunEventCodec.write(T, new RunEvent.NewBest("c", 7, null, null, 2.5, 1.3, "o")));
        assertThat(timed.has("primary_metric")).isFalse();
        assertThat(timed.path("speedup").asDouble()).isEqualTo(2.5);
        var started = JSON.readTree(RunEventCodec.write(T, new RunEvent.Started(true, "r", "t", 1, 5, 6)));
        assertThat(started.path("event").asText()).isEqualTo("run_resumed");
        assertThat(started.has("resumed")).isFalse();
        assertThat(started.path("iterations_so_far").asLong()).isEqualTo(5);
        assertThat(started.path("time").asText()).isEqualTo(T.toString());
    }

    /**
     * The field names are the record components in snake_case: these are the names run folders have always had,
     * so a renamed component that would rename a field in the log fails here.
     */
    @Test
    void everyFieldNameIsOneThatOldLogsHave() throws IOException {
        List<String> known = List.of(("time event run_id target seed iterations_so_far elapsed_ms id median_ns gflops"
                + " primary_metric score metrics episode island parent parent_score generations proposals best_score"
                + " best_recipe mean_score iteration origin status detail primary_value speedup spread before after"
                + " score_ms error_ms seed_score_ms seed_error_ms screen_speedup implausible error consecutive"
                + " idle_episodes iterations best_speedup cost model task replies input_tokens output_tokens guidance"
                + " rewrite text replaced replaced_mean_gain reason duplicate_of like similarity calls action episodes"
                + " requested mode member candidate attempt").split(" "));
        for (RunEvent event : everyRecord()) {
            if (!(event instanceof RunEvent.Other)) {
                var fields = JSON.readTree(RunEventCodec.write(T, event)).fieldNames();
                fields.forEachRemaining(f -> assertThat(f).as(event.name()).isIn(known));
            }
        }
    }

    @Test
    void linesThatAreNotEventsReadAsEmptyAndOddOnesAreKept() {
        assertThat(RunEventCodec.read("{\"time\":\"2026-12-01T10:15:30Z\",\"event\":\"evalu")).isEmpty();
        assertThat(RunEventCodec.read("[1,2]")).isEmpty();
        assertThat(RunEventCodec.read("{\"event\":\"seed\"}")).isEmpty();                 // no time
        assertThat(RunEventCodec.read("{\"time\":\"yesterday\",\"event\":\"seed\"}")).isEmpty();
        // a known event whose fields do not fit its record is kept as it was, not lost
        var odd = RunEventCodec.read("{\"time\":\"2026-12-01T10:15:30Z\",\"event\":\"evaluated\",\"iteration\":{\"x\":1}}");
        assertThat(odd.orElseThrow().event()).isInstanceOf(RunEvent.Other.class)
                .extracting(RunEvent::name).isEqualTo("evaluated");
        // fields a newer engine adds are ignored; missing ones read as 0 or null
        var newer = RunEventCodec.read("{\"time\":\"2026-12-01T10:15:30Z\",\"event\":\"retime_seed\",\"median_ns\":5,"
                + "\"sandbox\":\"bwrap\"}");
        assertThat(newer.orElseThrow().event()).isEqualTo(new RunEvent.RetimeSeed(5, 0));
    }

    /** The committed run folders, written before events were records, read line by line as typed events. */
    @Test
    void everyCommittedEventLogReadsAsTypedEventsAndWritesBackTheSameFields() throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(Path.of("../results"))) {
            logs = files.filter(f -> f.getFileName().toString().equals("events.jsonl")).toList();
        }
        assertThat(logs).isNotEmpty();
        long lines = 0;
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                var stamped = RunEventCodec.read(line).orElseThrow(() -> new AssertionError(log + ": " + line));
                assertThat(stamped.event()).as(log + ": " + line).isNotInstanceOf(RunEvent.Other.class);
                var original = JSON.readTree(line);
                var written = JSON.readTree(RunEventCodec.write(stamped.time(), stamped.event()));
                original.fieldNames().forEachRemaining(field ->
                        assertThat(written.get(field)).as(log + ": " + field + " of " + line).isEqualTo(original.get(field)));
            }
        }
        assertThat(lines).isGreaterThan(100);
    }
}
