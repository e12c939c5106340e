package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.guidance.GuidancePopulation;
import dev.evolve.engine.guidance.GuidanceStore;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.run.bench.LoopbackModelServer;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meta-prompt evolution over whole runs: a scripted server on 127.0.0.1 answers guidance rewrite requests (some with
 * garbage) and edit requests, the real loop and lane file the children with the fake evaluator; the recorded run is
 * replayed with no network, and resumed.
 */
class GuidanceRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The lane makes its asks in order, so a replay must give the same history. */
    private static RunConfig config(long iterations, Map<String, Object> extra) {
        var flags = new java.util.HashMap<String, Object>(Map.of("iterations", iterations, "seed", 11L,
                "islands", 2, "jmh", false, "timing_size", 64, "workers", 1, "mutator", "llm",
                "llm_in_flight", 1, "models.novelty_similarity", 0,
                "models.guidance", Map.of("population", 3, "rewrite_every", 3, "max_chars", 200)));
        flags.putAll(extra);
        return ConfigFiles.effective("matmul", null, flags);
    }

    private static Map<String, Object> with(Map<String, Object> flags, String key, Object value) {
        var all = new java.util.HashMap<>(flags);
        all.put(key, value);
        return all;
    }

    private static boolean rewriteRequest(String user) {
        return user.contains("Below is the guidance in use");
    }

    /**
     * Edits: a whole block that follows from the prompt, as a model sampling greedily answers (two asks in flight at
     * once with the very same prompt may take each other's recorded replies in a replay: their replies must not
     * differ). Rewrites: garbage first and every third, else a new piece.
     */
    private static LoopbackModelServer server(AtomicInteger rewrites) throws Exception {
        return new LoopbackModelServer((call, user) -> {
            if (!rewriteRequest(user)) {
                return LoopbackModelServer.Reply.ok(LoopbackModelServer.bodyRewrite(Math.floorMod(user.hashCode(), 100_000)));
            }
            int n = rewrites.incrementAndGet();
            return LoopbackModelServer.Reply.ok(switch (n % 3) {
                case 1 -> "I would rather not say.";                                           // no tags
                case 2 -> "<guidance>\nTry blocking idea number " + n + " for the caches.\n</guidance>";
                default -> "<guidance>" + "very long ".repeat(40) + "</guidance>";             // over max_chars
            });
        }, Duration.ZERO);
    }

    private static List<JsonNode> events(Path run, String kind) throws Exception {
        return ModelRunTest.events(run, kind);
    }

    /**
     * What must replay identically: each rewrite's number and what came of it (new piece and text and the piece it
     * replaced, or why it was refused).
     */
    private static java.util.TreeMap<Long, String> history(Path run) throws Exception {
        var out = new java.util.TreeMap<Long, String>();
        for (JsonNode e : events(run, "guidance_rewritten")) {
            out.put(e.path("rewrite").asLong(), e.path("id").asText() + " " + e.path("text").asText() + " replacing "
                    + e.path("replaced").asText());
        }
        for (JsonNode e : events(run, "guidance_refused")) {
            out.put(e.path("rewrite").asLong(), "refused: " + e.path("reason").asText());
        }
        return out;
    }

    private static List<String> evaluatedIds(Path run) throws Exception {
        return events(run, "evaluated").stream().map(e -> e.path("id").asText()).toList();
    }

    private static List<String> guidanceGiven(Path run) throws Exception {
        return events(run, "llm_child").stream().filter(e -> e.has("guidance")).map(e -> e.path("guidance").asText())
                .toList();
    }

    private static List<String> parentsAsked(Path run) throws Exception {
        return events(run, "llm_child").stream().map(e -> e.path("parent").asText()).toList();
    }

    private static List<String> childGuidance(Path run) throws Exception {
        return events(run, "llm_child").stream().map(e -> e.path("task").asText() + " " + e.path("guidance").asText())
                .toList();
    }

    /** One request in flight and one worker, and several of each: asks are made in order either way. */
    @org.junit.jupiter.params.ParameterizedTest(name = "in flight {0}, workers {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, 1", "3, 2"})
    void guidanceChangesOverARecordedRunAndTheReplayGivesTheSameGuidanceAndPrograms(int inFlight, int workers)
            throws Exception {
        Map<String, Object> lane = Map.of("llm_in_flight", inFlight, "workers", workers);
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        List<String> prompts;
        var rewrites = new AtomicInteger();
        try (var server = server(rewrites)) {
            var models = List.of(Map.of("model", "scripted", "base_url", server.baseUrl()));
            RunSummary s = FakeParts.run(run, config(20, with(lane, "models", models)), new FakeParts.Evaluator(target, 0),
                    true);
            assertThat(s.candidatesEvaluated()).isEqualTo(20);
            prompts = server.prompts();
        }
        List<JsonNode> rewritten = events(run, "guidance_rewritten");
        assertThat(rewritten).isNotEmpty();
        assertThat(events(run, "guidance_refused")).extracting(e -> e.path("reason").asText())
                .anyMatch(r -> r.contains("no <guidance>")).anyMatch(r -> r.contains("more than 200"));
        // the new guidance reached the edit prompts that followed, and children were credited to it
        String fresh = rewritten.getFirst().path("text").asText();
        assertThat(prompts).anyMatch(p -> !rewriteRequest(p) && p.contains(fresh));
        assertThat(prompts).filteredOn(GuidanceRunTest::rewriteRequest)
                .allMatch(p -> p.contains("The piece whose children did best") && p.contains("mean gain"));
        assertThat(childGuidance(run)).allMatch(g -> g.matches("(diff|rewrite|crossover) g\\d+|repair "))
                .anyMatch(g -> g.endsWith(" " + rewritten.getFirst().path("id").asText()));

        JsonNode guidance = JSON.readTree(run.resolve("summary.json").toFile()).path("guidance");
        // a rewrite asked for as the budget ran out may be missing from the summary
        assertThat(guidance.path("rewrites").asLong()).isBetween(rewrites.get() - 1L, (long) rewrites.get());
        assertThat(guidance.path("calls").asLong()).isEqualTo(guidance.path("rewrites").asLong());
        assertThat(guidance.path("members")).hasSize(3);
        assertThat(guidance.path("members").findValuesAsText("origin")).anyMatch(o -> o.startsWith("rewrite"));
        assertThat(guidance.path("winner").path("text").asText()).isNotBlank();
        JsonNode llm = JSON.readTree(run.resolve("summary.json").toFile()).path("llm");
        assertThat(llm.path("guidance_calls").asLong()).isEqualTo(guidance.path("calls").asLong());
        assertThat(llm.path("calls").asLong()).isGreaterThan(llm.path("guidance_calls").asLong());
        String file = Files.readString(run.resolve("guidance.md"));
        assertThat(file).contains("Winning guidance: **" + guidance.path("winner").path("id").asText())
                .contains("## In use").contains("## Retired by rewrites").contains(fresh);

        var report = dev.evolve.engine.report.ReportWriter.write(run, null, dir.resolve("report"));
        String winnerId = guidance.path("winner").path("id").asText();
        assertThat(Files.readString(report.markdown())).contains("## Prompt guidance")
                .contains("Winning guidance **" + winnerId + "**");
        assertThat(Files.readString(report.html())).contains("<h2>Prompt guidance</h2>")
                .contains("Winning guidance <b>" + winnerId + "</b>");

        // the server is gone: the replay asks for the same rewrites, gets the same guidance and makes the same programs
        Path again = dir.resolve("again");
        RunSummary replayed = FakeParts.run(again, config(20, with(lane, "replay", run.toString())),
                new FakeParts.Evaluator(target, 0), true);
        assertThat(replayed.candidatesEvaluated()).isEqualTo(20);
        var recorded = history(run);
        var replayedHistory = history(again);
        long common = Math.min(recorded.isEmpty() ? 0 : recorded.lastKey(),
                replayedHistory.isEmpty() ? 0 : replayedHistory.lastKey());
        assertThat(common).isGreaterThanOrEqualTo(3);
        assertThat(replayedHistory.headMap(common, true)).isEqualTo(recorded.headMap(common, true));
        assertThat(evaluatedIds(again)).isEqualTo(evaluatedIds(run));
        // the same parents, tasks and pieces of guidance (logged as replies come, so in their order with one in flight)
        assertThat(guidanceGiven(again)).isNotEmpty().allMatch(g -> g.matches("g\\d+"));
        assertThat(childGuidance(again)).containsExactlyInAnyOrderElementsOf(childGuidance(run));
        assertThat(parentsAsked(again)).containsExactlyInAnyOrderElementsOf(parentsAsked(run));
        if (inFlight == 1) {
            assertThat(childGuidance(again)).isEqualTo(childGuidance(run));
            assertThat(parentsAsked(again)).isEqualTo(parentsAsked(run));
        }
    }

    @Test
    void aResumedRunCarriesOnWithItsGuidancePopulation() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        var rewrites = new AtomicInteger();
        try (var server = server(rewrites)) {
            var models = List.of(Map.of("model", "scripted", "base_url", server.baseUrl()));
            var first = config(12, Map.of("models", models));
            FakeParts.run(run, first, new FakeParts.Evaluator(target, 0), true);
            GuidancePopulation.State stored;
            try (var db = IslandDatabase.open(RunFolder.open(run).database(), first.database().toDatabaseConfig())) {
                stored = GuidancePopulation.fromJson(GuidanceStore.in(db).load().orElseThrow());
            }
            assertThat(stored.credited()).isPositive();
            assertThat(stored.attempts()).isPositive();

            // the same run, given more iterations: the population and its counts go on from where they were
            var more = config(24, Map.of("models", models));
            dev.evolve.engine.record.ConfigFiles.write(more, RunFolder.open(run).config());
            FakeParts.run(run, more, new FakeParts.Evaluator(target, 0), false);
            try (var db = IslandDatabase.open(RunFolder.open(run).database(), more.database().toDatabaseConfig())) {
                var after = GuidancePopulation.fromJson(GuidanceStore.in(db).load().orElseThrow());
                assertThat(after.credited()).isGreaterThan(stored.credited());
                assertThat(after.attempts()).isGreaterThan(stored.attempts());
                assertThat(after.nextId()).isGreaterThanOrEqualTo(stored.nextId());
                // every piece in use at the pause that is still in use kept its record
                for (var before : stored.members()) {
                    after.members().stream().filter(m -> m.id().equals(before.id())).findFirst()
                            .ifPresent(m -> assertThat(m.children()).isGreaterThanOrEqualTo(before.children()));
                }
            }
        }
        assertThat(events(run, "run_resumed")).hasSize(1);
        List<String> ids = events(run, "guidance_rewritten").stream().map(e -> e.path("id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates();                 // numbering goes on after the resume
    }

    @Test
    void guidanceEvolutionCanBeSwitchedOff() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        try (var server = server(new AtomicInteger())) {
            var models = List.of(Map.of("model", "scripted", "base_url", server.baseUrl()));
            FakeParts.run(run, config(8, Map.of("models", models, "models.guidance", Map.of("evolve", false))),
                    new FakeParts.Evaluator(target, 0), true);
            assertThat(server.prompts()).noneMatch(GuidanceRunTest::rewriteRequest);
        }
        assertThat(JSON.readTree(run.resolve("summary.json").toFile()).has("guidance")).isFalse();
        assertThat(run.resolve("guidance.md")).doesNotExist();
        assertThat(events(run, "llm_child")).allMatch(e -> !e.has("guidance"));
    }
}
