package dev.evolve.engine.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
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
 * GFLOP/s fields are 0. Under {@code llm}, the model side's figures; the keys under {@code llm.accounting}
 * are snake_case like the rest ({@link #fromJson} still reads the camelCase of older files). Under {@code guidance},
 * the evolved prompt guidance: its winner and population ({@code dev.evolve.engine.guidance}).
 *
 * <pre>{@code
 * RunSummary s = RunSummary.builder("matmul", 42, runId).status("finished").best(3.1, 2.0, id, origin, true).build();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunSummary(String target, long seed, String status, String runId, double bestSpeedup, double bestGflops,
                         double seedGflops, Double bestGbps, Double seedGbps, boolean bandwidthBound,
                         boolean confirmedWithJmh, String bestId, String bestOrigin, double screenBestSpeedup,
                         double screenBestGflops, JmhFigures jmh, long candidatesEvaluated, long duplicatesSkipped,
                         Map<String, Long> statusCounts, long episodes, double wallSeconds, double evaluatingSeconds,
                         double engineOverhead, int timingSize, List<?> islands, String mutator,
                         Map<String, Object> llm, String primaryMetric, Double bestScore, Double seedScore,
                         Map<String, Object> guidance) {

    /** A builder for the summary of run {@code runId} of {@code target} with {@code seed}; unset figures are 0 or absent. */
    public static Builder builder(String target, long seed, String runId) {
        return new Builder(target, seed, runId);
    }

    /**
     * Reads a {@code summary.json}, also one written before the keys under {@code llm.accounting} were
     * snake_case ({@code inputTokens} reads as {@code input_tokens}).
     */
    public static RunSummary fromJson(String json) {
        try {
            var tree = (com.fasterxml.jackson.databind.node.ObjectNode) READ.readTree(json);
            if (tree.path("llm").path("accounting").isObject()) {
                snakeCase((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("llm").path("accounting"));
            }
            tree.remove("candidates_per_minute");
            tree.remove("sandbox");
            return READ.treeToValue(tree, RunSummary.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("not a run summary: " + e.getMessage(), e);
        }
    }

    private static void snakeCase(com.fasterxml.jackson.databind.node.ObjectNode node) {
        var keys = new java.util.ArrayList<String>();
        node.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            var value = node.get(key);
            if (value.isObject()) {
                snakeCase((com.fasterxml.jackson.databind.node.ObjectNode) value);
            }
            String snake = key.equals("models") ? key : key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
            if (!snake.equals(key)) {
                node.remove(key);
                node.set(snake, value);
            }
        }
    }

    /** Fills a {@link RunSummary} by name rather than by position. */
    public static final class Builder {
        private final String target;
        private final long seed;
        private final String runId;
        private String status = "running";
        private double bestSpeedup;
        private double bestGflops;
        private double seedGflops;
        private Double bestGbps;
        private Double seedGbps;
        private boolean bandwidthBound;
        private boolean confirmedWithJmh;
        private String bestId;
        private String bestOrigin;
        private double screenBestSpeedup;
        private double screenBestGflops;
        private JmhFigures jmh;
        private long candidatesEvaluated;
        private long duplicatesSkipped;
        private Map<String, Long> statusCounts = Map.of();
        private long episodes;
        private double wallSeconds;
        private double evaluatingSeconds;
        private double engineOverhead;
        private int timingSize;
        private List<?> islands = List.of();
        private String mutator;
        private Map<String, Object> llm;
        private Map<String, Object> guidance;
        private String primaryMetric;
        private Double bestScore;
        private Double seedScore;

        private Builder(String target, long seed, String runId) {
            this.target = target;
            this.seed = seed;
            this.runId = runId;
        }

        public Builder status(String v) { status = v; return this; }
        /** The reported best: its speedup and GFLOP/s, id and origin, and whether JMH confirmed it. */
        public Builder best(double speedup, double gflops, String id, String origin, boolean confirmed) {
            bestSpeedup = speedup;
            bestGflops = gflops;
            bestId = id;
            bestOrigin = origin;
            confirmedWithJmh = confirmed;
            return this;
        }
        public Builder seedGflops(double v) { seedGflops = v; return this; }
        /** Effective bandwidths, for targets that state the bytes they move; null when they do not. */
        public Builder bandwidth(Double best, Double seed, boolean bound) {
            bestGbps = best;
            seedGbps = seed;
            bandwidthBound = bound;
            return this;
        }
        public Builder screenBest(double speedup, double gflops) {
            screenBestSpeedup = speedup;
            screenBestGflops = gflops;
            return this;
        }
        public Builder jmh(JmhFigures v) { jmh = v; return this; }
        public Builder counts(long evaluated, long duplicates, Map<String, Long> byStatus, long episodeCount) {
            candidatesEvaluated = evaluated;
            duplicatesSkipped = duplicates;
            statusCounts = byStatus;
            episodes = episodeCount;
            return this;
        }
        public Builder time(double wall, double evaluating, double overhead) {
            wallSeconds = wall;
            evaluatingSeconds = evaluating;
            engineOverhead = overhead;
            return this;
        }
        public Builder timingSize(int v) { timingSize = v; return this; }
        public Builder islands(List<?> v) { islands = v; return this; }
        public Builder mutator(String v) { mutator = v; return this; }
        public Builder llm(Map<String, Object> v) { llm = v; return this; }
        public Builder guidance(Map<String, Object> v) { guidance = v; return this; }
        /** For a target judged by a custom evaluator: the primary metric and its values for the best and the seed. */
        public Builder primary(String metric, Double best, Double seedValue) {
            primaryMetric = metric;
            bestScore = best;
            seedScore = seedValue;
            return this;
        }

        public RunSummary build() {
            return new RunSummary(target, seed, status, runId, bestSpeedup, bestGflops, seedGflops, bestGbps, seedGbps,
                    bandwidthBound, confirmedWithJmh, bestId, bestOrigin, screenBestSpeedup, screenBestGflops, jmh,
                    candidatesEvaluated, duplicatesSkipped, statusCounts, episodes, wallSeconds, evaluatingSeconds,
                    engineOverhead, timingSize, islands, mutator, llm, primaryMetric, bestScore, seedScore,
                    guidance);
        }
    }

    /**
     * JMH average time per invocation (ms) and 99.9% error of the best and of the seed;
     * {@code implausible} when JMH's speedup of the best and the screen's differ by more than
     * {@link dev.evolve.eval.EvaluationOutcome.Jmh#PLAUSIBLE_FACTOR} (null in summaries written before
     * the flag existed).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record JmhFigures(double bestMs, double bestErrorMs, double seedMs, double seedErrorMs,
                             Boolean implausible) {
    }

    /** Children evaluated per minute of wall time. */
    @JsonProperty("candidates_per_minute")
    public double candidatesPerMinute() {
        return wallSeconds <= 0 ? 0 : candidatesEvaluated * 60.0 / wallSeconds;
    }

    /**
     * The OS sandbox candidates ran in ({@code requested}, {@code mode} in force, {@code reason}):
     * this process's, selected before the run started (a summary is written by its run's process).
     */
    @JsonProperty("sandbox")
    public Map<String, Object> sandbox() {
        return dev.evolve.eval.sandbox.SandboxPolicy.current().toMap();
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper READ = new ObjectMapper()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
