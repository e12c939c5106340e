package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.kernels.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvolutionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<String> evaluatedIds(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("events.jsonl")).stream().map(EvolutionTest::parse)
                .filter(e -> e.path("event").asText().equals("evaluated"))
                .map(e -> e.path("iteration").asLong() + ":" + e.path("id").asText()).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameSeedAndOutcomesProposeTheSameCandidatesInTheSameOrder() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        FakeParts.run(dir.resolve("a"), FakeParts.config(30, 5), new FakeParts.Evaluator(target, 0), true);
        FakeParts.run(dir.resolve("b"), FakeParts.config(30, 5), new FakeParts.Evaluator(target, 3), true);
        FakeParts.run(dir.resolve("c"), FakeParts.config(30, 6), new FakeParts.Evaluator(target, 0), true);
        List<String> a = evaluatedIds(dir.resolve("a"));
        assertThat(a).hasSize(30);
        assertThat(evaluatedIds(dir.resolve("b"))).isEqualTo(a);
        assertThat(evaluatedIds(dir.resolve("c"))).isNotEqualTo(a);
    }

    @Test
    void summaryCountsEveryChildAndNothingIsEvaluatedTwice() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        var evaluator = new FakeParts.Evaluator(target, 0);
        RunSummary s = FakeParts.run(dir.resolve("run"), FakeParts.config(40, 1), evaluator, true);
        assertThat(s.candidatesEvaluated()).isEqualTo(40);
        assertThat(s.statusCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
        assertThat(new HashSet<>(evaluator.seen)).hasSize(evaluator.seen.size());   // never twice
        assertThat(evaluator.seen).hasSize(41);                                    // the seed, then 40 children
        assertThat(s.bestSpeedup()).isGreaterThan(1.0);
        assertThat(evaluator.retimed).isNotEmpty().allMatch(evaluator.seen::contains);   // champions, re-timed
        assertThat(Files.readString(dir.resolve("run/best.java"))).contains("EVOLVE-BLOCK-START");
        JsonNode summary = JSON.readTree(dir.resolve("run/summary.json").toFile());
        for (String key : List.of("best_speedup", "best_gflops", "seed_gflops", "candidates_evaluated",
                "duplicates_skipped", "status_counts", "wall_seconds", "seed", "target")) {
            assertThat(summary.has(key)).as(key).isTrue();
        }
    }

    @Test
    void aResumedRunCarriesOnWithoutReevaluatingAnythingOrReaddingTheSeed() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        var first = new FakeParts.Evaluator(target, 0);
        FakeParts.run(run, FakeParts.config(15, 3), first, true);
        // continue the same run with a larger allowance, as if it had been stopped at 15
        var config = FakeParts.config(35, 3);
        ConfigFiles.write(config, run.resolve("config.yaml"));
        var second = new FakeParts.Evaluator(target, 0);
        RunSummary s = FakeParts.run(run, config, second, false);
        assertThat(s.candidatesEvaluated()).isEqualTo(35);
        assertThat(second.seen).hasSize(20).doesNotContain(target.seedSource());
        var all = new HashSet<>(first.seen);
        assertThat(second.seen).noneMatch(all::contains);
        assertThat(evaluatedIds(run)).hasSize(35).doesNotHaveDuplicates();
    }

    @Test
    void aRunFolderWithTheOldFlatConfigurationResumes() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        FakeParts.run(run, FakeParts.config(10, 8), new FakeParts.Evaluator(target, 0), true);
        // rewrite config.yaml as a version before sections wrote it: flat keys, models as a top-level list
        var yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        @SuppressWarnings("unchecked")
        Map<String, Object> sectioned = yaml.readValue(run.resolve("config.yaml").toFile(), Map.class);
        Map<String, Object> flat = ConfigFiles.flat(sectioned);
        flat.put("iterations", 25);
        assertThat(flat).containsKeys("islands", "llm_in_flight", "models").doesNotContainKeys("database", "stop");
        Files.writeString(run.resolve("config.yaml"), yaml.writeValueAsString(flat));
        RunConfig config = ConfigFiles.read(run.resolve("config.yaml"));
        assertThat(config.stop().iterations()).isEqualTo(25);
        assertThat(config.database().islands()).isEqualTo(2);
        var second = new FakeParts.Evaluator(target, 0);
        RunSummary s = FakeParts.run(run, config, second, false);
        assertThat(s.candidatesEvaluated()).isEqualTo(25);
        assertThat(second.seen).hasSize(15).doesNotContain(target.seedSource());
        assertThat(evaluatedIds(run)).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void lineageCommandWalksFromTheSeedToTheBest() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        Path run = dir.resolve("run");
        RunSummary s = FakeParts.run(run, FakeParts.config(25, 2), new FakeParts.Evaluator(target, 0), true);
        var out = new java.io.ByteArrayOutputStream();
        var old = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(dev.evolve.cli.EvolveCommand.execute("lineage", run.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(1)).contains("seed");
        assertThat(lines.getLast()).contains(s.bestId().substring(0, 10));

        // the program in best.java is the one summary.json names (a JMH confirmation may pick it over the top
        // screen score): the lineage ends there, not at the database's best
        String parent;
        try (var db = dev.evolve.engine.db.IslandDatabase.open(run.resolve("programs.db"),
                ConfigFiles.read(run.resolve("config.yaml")).database().toDatabaseConfig())) {
            parent = db.get(s.bestId()).orElseThrow().parentId();
        }
        assertThat(parent).isNotNull().isNotEqualTo(s.bestId());
        var summary = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
                .readTree(run.resolve("summary.json").toFile());
        Files.writeString(run.resolve("summary.json"), summary.put("best_id", parent).toString());
        out.reset();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(dev.evolve.cli.EvolveCommand.execute("lineage", run.toString())).isZero();
        } finally {
            System.setOut(old);
        }
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList().getLast())
                .contains(parent.substring(0, 10));
    }

    /** Fails (as infrastructure, by throwing) on the given calls; otherwise the fake's outcome. */
    private static dev.evolve.eval.VariantEvaluator failingOn(FakeParts.Evaluator fake, java.util.function.IntPredicate fails) {
        int[] calls = {0};
        return new dev.evolve.eval.VariantEvaluator() {
            @Override
            public dev.evolve.eval.EvaluationOutcome evaluate(String source) throws InterruptedException {
                int call;
                synchronized (calls) {
                    call = ++calls[0];
                }
                if (fails.test(call)) {
                    throw new IllegalStateException("worker could not start (call " + call + ")");
                }
                return fake.evaluate(source);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aBrokenEvaluationIsNotFiledAndTheRunGoesOn() throws Exception {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        var fake = new FakeParts.Evaluator(target, 0);
        Path run = dir.resolve("run");
        RunSummary s = FakeParts.run(run, FakeParts.config(30, 4), failingOn(fake, call -> call % 7 == 0), fake, true);
        assertThat(s.candidatesEvaluated()).isEqualTo(30);
        assertThat(evaluatedIds(run)).hasSize(30).doesNotHaveDuplicates();
        assertThat(Files.readAllLines(run.resolve("events.jsonl"))).anyMatch(l -> l.contains("evaluator_error"));
    }

    @Test
    void anEvaluatorThatKeepsFailingStopsTheRunAndLeavesASummary() {
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        var fake = new FakeParts.Evaluator(target, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeParts.run(dir.resolve("run"),
                        FakeParts.config(30, 4), failingOn(fake, call -> call > 1), fake, true))
                .hasMessageContaining("failed 3 times in a row");
        assertThat(dir.resolve("run/summary.json")).content().contains("\"status\" : \"failed\"");
    }
}
