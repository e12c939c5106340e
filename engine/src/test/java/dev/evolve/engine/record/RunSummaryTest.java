package dev.evolve.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBuilderFillsTheDocumentedKeys() throws Exception {
        RunSummary s = RunSummary.builder("matmul", 42, "matmul-1").status("finished")
                .best(3.0, 6.0, "abc", "ast:x", true).seedGflops(2.0).bandwidth(12.0, 4.0, false)
                .screenBest(3.2, 6.4).jmh(new RunSummary.JmhFigures(1.0, 0.1, 3.0, 0.2, false))
                .counts(60, 5, Map.of("measured", 50L, "incorrect", 10L), 9).time(120, 110, 0.08)
                .timingSize(512).islands(List.of(Map.of("island", 0))).mutator("ast").build();
        var json = JSON.readTree(s.toJson());
        for (String key : List.of("target", "seed", "status", "run_id", "best_speedup", "best_gflops", "seed_gflops",
                "best_gbps", "seed_gbps", "bandwidth_bound", "confirmed_with_jmh", "best_id", "best_origin",
                "screen_best_speedup", "screen_best_gflops", "jmh", "candidates_evaluated", "duplicates_skipped",
                "status_counts", "episodes", "wall_seconds", "evaluating_seconds", "engine_overhead", "timing_size",
                "islands", "mutator", "candidates_per_minute")) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.path("candidates_per_minute").asDouble()).isEqualTo(30.0);
        assertThat(json.has("primary_metric")).isFalse();                 // a timed run
        assertThat(RunSummary.fromJson(s.toJson())).isEqualTo(s);
    }

    @Test
    void accountingKeysAreSnakeCaseAndOldCamelCaseFilesStillRead() {
        String old = "{\"target\":\"matmul\",\"seed\":9,\"status\":\"finished\",\"run_id\":\"r\",\"llm\":{\"requests\":3,"
                + "\"accounting\":{\"models\":{\"gpt-x\":{\"calls\":3,\"inputTokens\":3000,\"outputTokens\":750}},"
                + "\"calls\":3,\"failures\":0,\"inputTokens\":3000,\"outputTokens\":750,\"cost\":0.0045,"
                + "\"budgetExhausted\":false}},\"candidates_per_minute\":7.0}";
        RunSummary s = RunSummary.fromJson(old);
        @SuppressWarnings("unchecked")
        var accounting = (Map<String, Object>) s.llm().get("accounting");
        assertThat(accounting).containsEntry("input_tokens", 3000).containsEntry("output_tokens", 750)
                .containsEntry("budget_exhausted", false).doesNotContainKey("inputTokens");
        @SuppressWarnings("unchecked")
        var perModel = (Map<String, Map<String, Object>>) accounting.get("models");
        assertThat(perModel).containsKey("gpt-x");                         // model names are kept as they are
        assertThat(perModel.get("gpt-x")).containsEntry("input_tokens", 3000);
    }

    @Test
    void theCommittedSummariesRead() throws Exception {
        try (var files = Files.walk(Path.of("../results"))) {
            var summaries = files.filter(f -> f.getFileName().toString().equals("summary.json")).toList();
            assertThat(summaries).isNotEmpty();
            for (Path f : summaries) {
                RunSummary s = RunSummary.fromJson(Files.readString(f));
                assertThat(s.target()).as(f.toString()).isNotBlank();
                assertThat(s.candidatesEvaluated()).as(f.toString()).isPositive();
            }
        }
    }
}
