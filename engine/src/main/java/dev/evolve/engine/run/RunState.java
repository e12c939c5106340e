package dev.evolve.engine.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.db.ProgramDatabase;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loop's counters, kept in the database's run state and written in the same transaction as
 * each program filed, so that a run killed at any moment resumes with counters that agree with
 * its programs.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class RunState {

    static final String KEY = "loop_state";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final long CONFIRM_EVERY_MS = 150_000;   // JMH takes ~10 s; the final best is always confirmed

    long iterations;
    long episodes;
    long duplicates;
    long elapsedMs;
    long evaluatingMs;
    long lastRetimeAt;
    double bestScore;
    Map<String, Long> statusCounts = new TreeMap<>();
    String confirmedId;
    double confirmedScoreMs;
    double confirmedErrorMs;
    double seedScoreMs;
    double seedErrorMs;
    long lastConfirmationMs = -CONFIRM_EVERY_MS;
    /** For a target judged by a custom evaluator: the name of the primary metric (null for timed kernels). */
    String primaryMetric;

    static RunState load(ProgramDatabase db) {
        RunState s = db.getState(KEY).map(RunState::parse).orElseGet(RunState::new);
        s.bestScore = db.best().map(b -> b.score()).orElse(0.0);
        return s;
    }

    private static RunState parse(String json) {
        try {
            return JSON.readValue(json, RunState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the run state in the database is damaged: " + e.getOriginalMessage());
        }
    }

    /** The confirmed program's figures as JMH gave them. */
    Retiming.Confirmed confirmed() {
        return new Retiming.Confirmed(new dev.evolve.eval.EvaluationOutcome.Jmh(confirmedScoreMs, confirmedErrorMs,
                java.util.List.of()), new dev.evolve.eval.EvaluationOutcome.Jmh(seedScoreMs, seedErrorMs, java.util.List.of()));
    }

    void adopt(String id, Retiming.Confirmed c) {
        confirmedId = id;
        confirmedScoreMs = c.program().scoreMs();
        confirmedErrorMs = c.program().errorMs();
        seedScoreMs = c.seed().scoreMs();
        seedErrorMs = c.seed().errorMs();
    }

    void count(String status) {
        statusCounts.merge(status, 1L, Long::sum);
    }

    boolean confirmationDue(Budget budget) {
        return budget.elapsed().toMillis() - lastConfirmationMs >= CONFIRM_EVERY_MS;
    }

    void save(ProgramDatabase db, Budget budget) {
        db.putState(KEY, toJson(budget));
    }

    /** The state as run-state entries, to be written in the same transaction as a program. */
    Map<String, String> asEntries(Budget budget) {
        return Map.of(KEY, toJson(budget));
    }

    private String toJson(Budget budget) {
        elapsedMs = budget.elapsed().toMillis();
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
