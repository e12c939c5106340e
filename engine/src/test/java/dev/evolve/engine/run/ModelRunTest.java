package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with a model: a scripted server on 127.0.0.1, the real loop and lane, the fake evaluator. */
class ModelRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A matmul run at n = 64 on 2 islands and 2 workers, without JMH, with the model lane at 4 in flight. */
    static RunConfig config(String mutator, long iterations, Map<String, Object> extra) {
        var flags = new java.util.HashMap<String, Object>(Map.of("iterations", iterations, "seed", 9L,
                "islands", 2, "jmh", false, "timing_size", 64, "workers", 2, "mutator", mutator,
                "llm_in_flight", 4));
        flags.putAll(extra);
        return ConfigFiles.effective("matmul", null, flags);
    }

    /** The events of one kind in a run folder's event log. */
    static List<JsonNode> events(Path run, String kind) throws Exception {
        return Files.readAllLines(run.resolve("events.jsonl")).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> e.path("event").asText().equals(kind)).toList();
    }

    @Test
    void modelChildrenAreEvaluatedRecordedAccountedAndReplayedWithoutNetwork() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        String seed = Targets.require("matmul").seedSource();
        try (var server = new LoopbackModelServer(call -> switch (call % 6) {
            case 0 -> LoopbackModelServer.Reply.ok("I think the code is fine as it is.");                  // prose only
            case 1 -> LoopbackModelServer.Reply.ok("<<<<<<< SEARCH\n    int nothingLikeThis;\n=======\n"
                    + "    int x;\n>>>>>>> REPLACE\n");                                                     // matches nothing
            case 2 -> LoopbackModelServer.Reply.ok("```java\n" + seed.replace("public final class Matmul",
                    "public final class Faster") + "```");                                                 // outside the block
            case 3 -> LoopbackModelServer.Reply.ok("");                                                      // empty
            case 4 -> LoopbackModelServer.Reply.ok("A smaller change:\n<<<<<<< SEARCH\n"
                    + "                double sum = 0.0;\n=======\n                double sum = 0.0 * " + call
                    + ";\n>>>>>>> REPLACE\n");                                                              // a diff
            default -> LoopbackModelServer.Reply.ok(LoopbackModelServer.bodyRewrite(call));
        }, Duration.ofMillis(50))) {
            var models = List.of(Map.of("model", "scripted", "base_url", server.baseUrl(),
                    "input_price", 1.0, "output_price", 2.0));
            var evaluator = new FakeParts.Evaluator(target, 0);
            // the scripted children differ only in a number: near copies, but this test wants them evaluated
            RunSummary s = FakeParts.run(run, config("llm", 12, Map.of("models", models,
                    "models.novelty_similarity", 0)), evaluator, true);
            assertThat(evaluator.seen).anyMatch(src -> src.contains("double sum = 0.0 * "));   // a diff applied
            assertThat(s.candidatesEvaluated()).isEqualTo(12);
            assertThat(server.calls()).isGreaterThanOrEqualTo(12);
        }
        assertThat(events(run, "llm_rejected")).isNotEmpty();
        assertThat(events(run, "llm_child")).allMatch(e -> e.path("input_tokens").asLong() >= 1000);
        List<JsonNode> evaluated = events(run, "evaluated");
        assertThat(evaluated).hasSize(12).allMatch(e -> e.path("origin").asText().startsWith("llm:scripted:"));
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode usage = summary.path("llm").path("accounting");
        assertThat(usage.path("calls").asLong()).isGreaterThanOrEqualTo(12);
        long answered = usage.path("calls").asLong() - usage.path("failures").asLong();   // empty replies fail
        assertThat(usage.path("failures").asLong()).isPositive();
        assertThat(usage.path("input_tokens").asLong()).isEqualTo(1000 * answered);
        assertThat(usage.path("cost").asDouble()).isCloseTo(answered * (1000 * 1.0 + 250 * 2.0) / 1e6,
                org.assertj.core.data.Offset.offset(1e-9));
        try (var files = Files.list(run.resolve("llm"))) {
            assertThat(files.count()).isGreaterThanOrEqualTo(12);
        }

        // the server is gone: a replay of the recorded replies runs with no network
        Path again = dir.resolve("again");
        RunSummary replayed = FakeParts.run(again, config("llm", 6, Map.of("replay", run.toString(),
                        "models.novelty_similarity", 0)),
                new FakeParts.Evaluator(target, 0), true);
        assertThat(replayed.candidatesEvaluated()).isEqualTo(6);
        // named as the recorded run named its model, so that prompts naming its programs' origins are the same
        assertThat(events(again, "evaluated")).allMatch(e -> e.path("origin").asText().startsWith("llm:scripted:"));
        assertThat(JSON.readTree(again.resolve("summary.json").toFile()).path("llm").path("accounting")
                .path("cost").asDouble()).isZero();
    }

    @Test
    void aModelThatIsDownLeavesAMixedRunToTheRewrites() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        try (var server = new LoopbackModelServer(call -> new LoopbackModelServer.Reply(500, ""), Duration.ZERO)) {
            var models = List.of(Map.of("model", "broken", "base_url", server.baseUrl(), "timeout", "2s"));
            RunSummary s = FakeParts.run(run, config("mixed", 15, Map.of("models", models, "llm_retries", 1)),
                    new FakeParts.Evaluator(target, 100), true);
            assertThat(s.candidatesEvaluated()).isEqualTo(15);
        }
        assertThat(events(run, "evaluated")).allMatch(e -> e.path("origin").asText().startsWith("ast:"));
        assertThat(events(run, "llm_unavailable")).isNotEmpty();
    }

    @Test
    void aModelThatOnlyAnswersGarbageDoesNotStallAnLlmRun() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok("No code today."),
                Duration.ZERO)) {
            var models = List.of(Map.of("model", "talker", "base_url", server.baseUrl()));
            RunSummary s = FakeParts.run(run, config("llm", 5, Map.of("models", models, "on_model_failure", "ast")),
                    new FakeParts.Evaluator(target, 0), true);
            assertThat(s.candidatesEvaluated()).isEqualTo(5);
        }
        assertThat(events(run, "evaluated")).allMatch(e -> e.path("origin").asText().startsWith("ast:"));
        assertThat(events(run, "llm_rejected")).isNotEmpty();
    }
}
