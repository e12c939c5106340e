package dev.evolve.engine.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.db.ProgramDatabase;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The loop's counters, kept in the database's run state and written in the same transaction as
 * each program filed, so that a run killed at any moment resumes with counters that agree with
 * its programs. The champion's part ({@link Champion.Memo}) is written beside them under the same
 * flat keys as ever, so that run folders written earlier resume.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class RunState {

    static final String KEY = "loop_state";
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    long iterations;
    long episodes;
    long duplicates;
    long elapsedMs;
    long evaluatingMs;
    Map<String, Long> statusCounts = new TreeMap<>();
    /** For a target judged by a custom evaluator: the name of the primary metric (null for timed kernels). */
    String primaryMetric;
    @JsonUnwrapped
    Champion.Memo champion = new Champion.Memo();

    static RunState load(ProgramDatabase db) {
        RunState s = db.getState(KEY).map(RunState::parse).orElseGet(RunState::new);
        s.champion.bestScore = db.best().map(b -> b.score()).orElse(0.0);
        return s;
    }

    static RunState parse(String json) {
        try {
            return JSON.readValue(json, RunState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the run state in the database is damaged: " + e.getOriginalMessage());
        }
    }

    void count(String status) {
        statusCounts.merge(status, 1L, Long::sum);
    }

    /** Something the loop waits for that is evaluation work (compile, check, time, JMH), not engine overhead. */
    @FunctionalInterface
    interface Blocking<T> {
        T get() throws InterruptedException;
    }

    /** Runs {@code work}, counting its time as time spent evaluating. */
    <T> T evaluating(Blocking<T> work) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            evaluatingMs += (System.nanoTime() - t0) / 1_000_000;
        }
    }

    void save(ProgramDatabase db, Budget budget) {
        db.putState(KEY, toJson(budget));
    }

    /** The state as run-state entries, to be written in the same transaction as a program. */
    Map<String, String> asEntries(Budget budget) {
        return Map.of(KEY, toJson(budget));
    }

    String toJson(Budget budget) {
        elapsedMs = budget.elapsed().toMillis();
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
