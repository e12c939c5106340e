package dev.evolve.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.json}: what a run found and what it cost. {@code best_speedup} and
 * {@code best_gflops} are JMH figures when {@code confirmed_with_jmh} is true, else the
 * screening timings ({@code screen_*} always are). {@code best_gbps} and {@code seed_gbps} (effective
 * bandwidth: the bytes a target must move, over the time) are given for targets that state their
 * bytes; {@code bandwidth_bound} says whether GB/s rather than GFLOP/s is the figure that matters.
 * A target judged by a custom evaluator reports {@code primary_metric}, {@code best_score} and
 * {@code seed_score} (the primary metric's values as the evaluator gave them); its speedup and
 * GFLOP/s fields are 0.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        @JsonProperty("target") String target,
        @JsonProperty("seed") long seed,
        @JsonProperty("status") String status,
        @JsonProperty("run_id") String runId,
        @JsonProperty("best_speedup") double bestSpeedup,
        @JsonProperty("best_gflops") double bestGflops,
        @JsonProperty("seed_gflops") double seedGflops,
        @JsonProperty("best_gbps") Double bestGbps,
        @JsonProperty("seed_gbps") Double seedGbps,
        @JsonProperty("bandwidth_bound") boolean bandwidthBound,
        @JsonProperty("confirmed_with_jmh") boolean confirmedWithJmh,
        @JsonProperty("best_id") String bestId,
        @JsonProperty("best_origin") String bestOrigin,
        @JsonProperty("screen_best_speedup") double screenBestSpeedup,
        @JsonProperty("screen_best_gflops") double screenBestGflops,
        @JsonProperty("jmh") JmhFigures jmh,
        @JsonProperty("candidates_evaluated") long candidatesEvaluated,
        @JsonProperty("duplicates_skipped") long duplicatesSkipped,
        @JsonProperty("status_counts") Map<String, Long> statusCounts,
        @JsonProperty("episodes") long episodes,
        @JsonProperty("wall_seconds") double wallSeconds,
        @JsonProperty("evaluating_seconds") double evaluatingSeconds,
        @JsonProperty("engine_overhead") double engineOverhead,
        @JsonProperty("timing_size") int timingSize,
        @JsonProperty("islands") List<?> islands,
        @JsonProperty("mutator") String mutator,
        @JsonProperty("llm") Map<String, Object> llm,
        @JsonProperty("primary_metric") String primaryMetric,
        @JsonProperty("best_score") Double bestScore,
        @JsonProperty("seed_score") Double seedScore) {

    /** The summary of a timed run (no primary metric). */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public RunSummary(String target, long seed, String status, String runId, double bestSpeedup, double bestGflops,
                      double seedGflops, Double bestGbps, Double seedGbps, boolean bandwidthBound,
                      boolean confirmedWithJmh, String bestId, String bestOrigin, double screenBestSpeedup,
                      double screenBestGflops, JmhFigures jmh, long candidatesEvaluated, long duplicatesSkipped,
                      Map<String, Long> statusCounts, long episodes, double wallSeconds, double evaluatingSeconds,
                      double engineOverhead, int timingSize, List<?> islands, String mutator, Map<String, Object> llm) {
        this(target, seed, status, runId, bestSpeedup, bestGflops, seedGflops, bestGbps, seedGbps, bandwidthBound,
                confirmedWithJmh, bestId, bestOrigin, screenBestSpeedup, screenBestGflops, jmh, candidatesEvaluated,
                duplicatesSkipped, statusCounts, episodes, wallSeconds, evaluatingSeconds, engineOverhead, timingSize,
                islands, mutator, llm, null, null, null);
    }

    /**
     * JMH average time per invocation (ms) and 99.9% error of the best and of the seed;
     * {@code implausible} when JMH's speedup of the best and the screen's differ by more than
     * {@link dev.evolve.eval.EvaluationOutcome.Jmh#PLAUSIBLE_FACTOR}.
     */
    public record JmhFigures(@JsonProperty("best_ms") double bestMs, @JsonProperty("best_error_ms") double bestErrorMs,
                             @JsonProperty("seed_ms") double seedMs, @JsonProperty("seed_error_ms") double seedErrorMs,
                             @JsonProperty("implausible") boolean implausible) {
        public JmhFigures(double bestMs, double bestErrorMs, double seedMs, double seedErrorMs) {
            this(bestMs, bestErrorMs, seedMs, seedErrorMs, false);
        }
    }

    /** Children evaluated per minute of wall time. */
    @JsonProperty("candidates_per_minute")
    public double candidatesPerMinute() {
        return wallSeconds <= 0 ? 0 : candidatesEvaluated * 60.0 / wallSeconds;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
