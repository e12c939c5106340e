package dev.evolve.engine.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a run's {@code events.jsonl}: what happened, as a record. {@link RunEventCodec} writes
 * and reads them; the JSON field names are the record components in snake_case ({@code iterationsSoFar} is
 * {@code iterations_so_far}), the ones run folders have always had, so that old logs read: renaming a component
 * renames its field.
 * Optional figures are null (and left out of the line) where an event does not have them: a timed
 * run's events carry speedups and GFLOP/s, a run judged by a custom evaluator its primary metric.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public sealed interface RunEvent {

    /** The event's name in the log ({@code "evaluated"}, ...). */
    @JsonIgnore
    String name();

    /** A session begins: {@code run_started}, or {@code run_resumed} with what the run had done so far. */
    record Started(@JsonIgnore boolean resumed, String runId, String target, long seed, long iterationsSoFar,
                   long elapsedMs) implements RunEvent {
        @Override public String name() { return resumed ? "run_resumed" : "run_started"; }
    }

    /** The seed was evaluated and filed: its timing, or for a custom evaluator its primary metric and metrics. */
    record Seed(String id, Long medianNs, Double gflops, String primaryMetric, Double score,
                Map<String, Double> metrics) implements RunEvent {
        @Override public String name() { return "seed"; }
    }

    /** One rule-based episode around a parent. */
    record Episode(long episode, int island, String parent, double parentScore, long generations, int proposals,
                   double bestScore, String bestRecipe, double meanScore) implements RunEvent {
        @Override public String name() { return "episode"; }
    }

    /** A child was evaluated and filed as iteration {@code iteration}. */
    record Evaluated(long iteration, String id, String parent, int island, String origin, String status, double score,
                     double gflops, String detail, Double primaryValue) implements RunEvent {
        @Override public String name() { return "evaluated"; }
    }

    /** The screen has a new best: its speedup and GFLOP/s, or its primary metric's value ({@code score}). */
    record NewBest(String id, long iteration, String primaryMetric, Double score, Double speedup, Double gflops,
                   String origin) implements RunEvent {
        @Override public String name() { return "new_best"; }
    }

    /** The seed was timed again; later speedups are against this timing. */
    record RetimeSeed(long medianNs, double spread) implements RunEvent {
        @Override public String name() { return "retime_seed"; }
    }

    /** The champion was timed again: its new speedup, or the status it failed with (it is then demoted). */
    record RetimeChampion(String id, double before, Double after, Double gflops, String status, String detail)
            implements RunEvent {
        @Override public String name() { return "retime_champion"; }
    }

    /** JMH timed a program and the seed. */
    record JmhConfirmed(String id, double scoreMs, double errorMs, double seedScoreMs, double seedErrorMs,
                        double speedup, double gflops, double screenSpeedup, Boolean implausible) implements RunEvent {
        @Override public String name() { return "jmh_confirmed"; }
    }

    /** The evaluator itself failed (not the candidate); the child was not filed. */
    record EvaluatorError(String error, int consecutive) implements RunEvent {
        @Override public String name() { return "evaluator_error"; }
    }

    /** So many episodes in a row proposed nothing new that the run ends on its own. */
    record SearchExhausted(int idleEpisodes) implements RunEvent {
        @Override public String name() { return "search_exhausted"; }
    }

    /** A session ends: {@code run_finished}, {@code run_interrupted} or {@code run_failed}. */
    record Ended(@JsonIgnore Ending how, long iterations, long elapsedMs, double bestSpeedup) implements RunEvent {
        public Ended {
            Objects.requireNonNull(how, "how");
        }

        @Override public String name() { return "run_" + how.key(); }
    }

    /**
     * How a session ended; {@link #key()} is the summary's status and the end event's suffix. {@code MODEL_STALLED}:
     * a run whose model may not be replaced by the rewrites ({@code on_model_failure: stop} or {@code wait}) ended
     * because the model's calls stopped bringing new children, or its budget was spent.
     */
    enum Ending {
        FINISHED, INTERRUPTED, FAILED, MODEL_STALLED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The OS sandbox candidates run in: {@code sandbox}, or {@code sandbox_unavailable} when
     * {@code auto} found no working bubblewrap and candidates run as plain processes.
     */
    record Sandbox(@JsonIgnore boolean fellBack, String requested, String mode, String reason) implements RunEvent {
        @Override public String name() { return fellBack ? "sandbox_unavailable" : "sandbox"; }
    }

    /**
     * Evaluation on a cluster: {@code member_joined}, {@code member_left}, {@code member_refused} (another
     * engine version), {@code dispatched} (attempt {@code attempt} of candidate {@code candidate} went to
     * {@code member}), {@code redispatched} (an attempt was lost: its member left, its lease ran out, or
     * the coordinator restarted; {@code detail} says which), {@code dropped_late} (a result for an
     * attempt that is no longer current, not filed); after a coordinator restart {@code result_kept}
     * (a result that came back but was not filed before the stop), {@code taken_over} (the resumed
     * loop proposed a candidate left out and files the result of its dispatch at resume) and
     * {@code kept_unfiled} (one the resumed run did not propose again: its result stays in the ledger).
     */
    record Cluster(@JsonIgnore String kind, String member, String candidate, Integer attempt, String detail)
            implements RunEvent {
        public Cluster {
            Objects.requireNonNull(kind, "kind");
        }

        @Override public String name() { return kind; }
    }

    /** The model budget is spent: no more model requests. */
    record LlmBudgetSpent(double cost) implements RunEvent {
        @Override public String name() { return "llm_budget_spent"; }
    }

    /** A model request failed in a way the model lane did not expect. */
    record LlmError(String error) implements RunEvent {
        @Override public String name() { return "llm_error"; }
    }

    /** The model made a child, under the piece of guidance {@code guidance} (null: none was evolved). */
    record LlmChild(String model, String task, String parent, int replies, long inputTokens, long outputTokens,
                    double cost, String guidance) implements RunEvent {
        public LlmChild(String model, String task, String parent, int replies, long inputTokens, long outputTokens,
                        double cost) {
            this(model, task, parent, replies, inputTokens, outputTokens, cost, null);
        }

        @Override public String name() { return "llm_child"; }
    }

    /**
     * Rewrite {@code rewrite} of the prompts' guidance gave piece {@code id}, in place of {@code replaced} (whose
     * children's mean gain was {@code replaced_mean_gain}; null when the new piece was added beside the others).
     */
    record GuidanceRewritten(long rewrite, String model, String id, String text, String replaced,
                             Double replacedMeanGain, double cost) implements RunEvent {
        @Override public String name() { return "guidance_rewritten"; }
    }

    /** Rewrite {@code rewrite} of the prompts' guidance gave nothing usable ({@code reason}); the guidance stays. */
    record GuidanceRefused(long rewrite, String model, String reason, double cost) implements RunEvent {
        @Override public String name() { return "guidance_refused"; }
    }

    /** The model did not answer after its retries. */
    record LlmUnavailable(String model, String reason) implements RunEvent {
        @Override public String name() { return "llm_unavailable"; }
    }

    /** The model answered, but nothing usable came of it. */
    record LlmRejected(String model, String parent, String reason, long inputTokens, long outputTokens, double cost)
            implements RunEvent {
        @Override public String name() { return "llm_rejected"; }
    }

    /** A model child was the same program as one already stored ({@code duplicate_of}); it was not evaluated. */
    record LlmDuplicate(String model, String parent, String duplicateOf, double score) implements RunEvent {
        @Override public String name() { return "llm_duplicate"; }
    }

    /** A model child read all but the same as a program of its island ({@code like}); it was not evaluated. */
    record LlmNearCopy(String model, String parent, String like, double similarity) implements RunEvent {
        @Override public String name() { return "llm_near_copy"; }
    }

    /**
     * The model's last {@code calls} calls brought no new child: the lane is stalled. {@code action} is what the
     * run does: {@code back_off} (the rewrites take its turns for {@code episodes} episodes) or {@code stop}.
     */
    record LlmStalled(long calls, String action, Integer episodes) implements RunEvent {
        @Override public String name() { return "llm_stalled"; }
    }

    /**
     * A line this engine does not know (a newer engine's event, or one whose fields do not fit its
     * record), kept as it was so that nothing is lost on reading.
     */
    record Other(@JsonIgnore String name, @JsonIgnore Map<String, Object> fields) implements RunEvent {
        public Other {
            Objects.requireNonNull(name, "name");
            fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }
}
