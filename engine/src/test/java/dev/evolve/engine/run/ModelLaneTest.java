package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.novelty.MatmulVariants;
import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model lane spends its calls on new ideas: a model that repeats itself is told so, backed off or stopped
 * within a bounded number of calls, and near copies are turned away before evaluation. A scripted server on
 * 127.0.0.1 speaking OpenAI's protocol, the real loop, lane and embedding model, the fake evaluator.
 */
class ModelLaneTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The same useful rewrite, every time: an i-k-j kernel. */
    private static final String SAME = LoopbackModelServer.bodyRewrite(1);

    @Test
    void anLlmRunWhoseModelRepeatsItselfEndsWithinTheCallCeilingAndSaysWhy() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        List<String> prompts;
        int calls;
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok(SAME), Duration.ofMillis(20))) {
            var models = List.of(Map.of("model", "parrot", "base_url", server.baseUrl()));
            RunSummary s = FakeParts.run(run, ModelRunTest.config("llm", 12, Map.of("models", models)),
                    new FakeParts.Evaluator(target, 0), true);
            calls = server.calls();
            prompts = server.prompts();
            assertThat(s.status()).isEqualTo("model_stalled");
            assertThat(s.candidatesEvaluated()).isEqualTo(1);
            assertThat(s.duplicatesSkipped()).isPositive();
        }
        // one of the first four calls (the requests in flight) brought the only new child; after it, the ceiling
        assertThat(calls).isLessThanOrEqualTo(4 + ModelsSection.DEFAULT_MAX_CALLS_PER_CHILD);
        assertThat(prompts).anyMatch(p -> p.contains("What became of your earlier proposals")
                && p.contains("was the same program") && p.contains("genuinely"));
        assertThat(ModelRunTest.events(run, "llm_duplicate")).isNotEmpty();
        assertThat(ModelRunTest.events(run, "llm_stalled")).singleElement()
                .satisfies(e -> assertThat(e.path("action").asText()).isEqualTo("stop"));
        assertThat(ModelRunTest.events(run, "run_model_stalled")).hasSize(1);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.path("status").asText()).isEqualTo("model_stalled");
        JsonNode llm = summary.path("llm");
        assertThat(llm.path("calls").asLong()).isEqualTo(calls);
        assertThat(llm.path("new_children").asLong()).isEqualTo(1);
        assertThat(llm.path("duplicates").asLong()).isPositive();
        assertThat(llm.path("new_children_per_call").asDouble()).isEqualTo(1.0 / calls);
        assertThat(llm.path("per_model").path("parrot").path("duplicates").asLong())
                .isEqualTo(llm.path("duplicates").asLong());

        // a replay of the recorded replies ends the same way, with no network
        Path again = dir.resolve("again");
        RunSummary replayed = FakeParts.run(again, ModelRunTest.config("llm", 12, Map.of("replay", run.toString())),
                new FakeParts.Evaluator(target, 0), true);
        assertThat(replayed.status()).isEqualTo("model_stalled");
        assertThat(replayed.candidatesEvaluated()).isEqualTo(1);
    }

    @Test
    void aMixedRunReachesItsChildrenThroughTheRewritesWhenTheModelRepeatsItself() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        int calls;
        int ceiling = 5;
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok(SAME), Duration.ofMillis(20))) {
            var models = List.of(Map.of("model", "parrot", "base_url", server.baseUrl()));
            // more children than one rule-based episode files, so that the model has turns
            RunSummary s = FakeParts.run(run, ModelRunTest.config("mixed", 30, Map.of("models", models,
                    "models.max_calls_per_child", ceiling)), new FakeParts.Evaluator(target, 5), true);
            calls = server.calls();
            assertThat(s.status()).isEqualTo("finished");
            assertThat(s.candidatesEvaluated()).isEqualTo(30);
        }
        List<JsonNode> evaluated = ModelRunTest.events(run, "evaluated");
        assertThat(evaluated.stream().filter(e -> e.path("origin").asText().startsWith("llm:"))).hasSizeLessThan(2);
        assertThat(evaluated.stream().filter(e -> e.path("origin").asText().startsWith("ast:"))).hasSizeGreaterThan(28);
        List<JsonNode> stalls = ModelRunTest.events(run, "llm_stalled");
        assertThat(stalls).allSatisfy(e -> assertThat(e.path("action").asText()).isEqualTo("back_off"));
        // a stalled model gets a fresh allowance only after a back-off: the calls in flight when its one new child
        // was asked for, then at most the ceiling per allowance
        assertThat(calls).isLessThanOrEqualTo(4 + ceiling * (1 + stalls.size()));
    }

    // the kernels the model answers with: an i-k-j kernel, its near copies and a genuinely different one
    private static final String IKJ = MatmulVariants.IKJ;
    private static final String RENAMED = MatmulVariants.RENAMED;
    private static final String SWAPPED = MatmulVariants.SWAPPED;
    private static final String TRANSPOSED = MatmulVariants.TRANSPOSED;

    private static String block(String body) {
        return "```java\n    @Override\n    public void multiply(double[] a, double[] b, double[] c, int n) {\n"
                + body + "    }\n```\n";
    }

    @Test
    void nearCopiesAreTurnedAwayBeforeEvaluationAndAGenuinelyDifferentProgramPasses() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        List<String> prompts;
        var evaluator = new FakeParts.Evaluator(target, 0);
        try (var server = new LoopbackModelServer(call -> LoopbackModelServer.Reply.ok(block(switch (call) {
            case 1 -> IKJ;
            case 5 -> TRANSPOSED;
            default -> call % 2 == 0 ? RENAMED : SWAPPED;
        })), Duration.ofMillis(10))) {
            var models = List.of(Map.of("model", "copier", "base_url", server.baseUrl()));
            // one request at a time: the replies reach the pipeline in the order they were scripted
            // one island: a child is compared with the programs of its own island
            RunSummary s = FakeParts.run(run, ModelRunTest.config("llm", 12, Map.of("models", models, "llm_in_flight", 1,
                    "islands", 1)), evaluator, true);
            prompts = server.prompts();
            assertThat(s.status()).isEqualTo("model_stalled");
            assertThat(s.candidatesEvaluated()).isEqualTo(2);
        }
        String renamedBody = RENAMED.strip();
        String swappedBody = SWAPPED.strip();
        assertThat(evaluator.seen).anyMatch(src -> src.contains(IKJ.strip()))
                .anyMatch(src -> src.contains("bt[j * n + k] = b[k * n + j];"))
                .noneMatch(src -> src.contains(renamedBody) || src.contains(swappedBody));
        assertThat(ModelRunTest.events(run, "llm_near_copy")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("similarity").asDouble()).isGreaterThanOrEqualTo(0.99));
        assertThat(prompts).anyMatch(p -> p.contains("near copy (code similarity"));
        JsonNode llm = JSON.readTree(run.resolve("summary.json").toFile()).path("llm");
        assertThat(llm.path("near_copies").asLong()).isEqualTo(ModelRunTest.events(run, "llm_near_copy").size());
    }
}
