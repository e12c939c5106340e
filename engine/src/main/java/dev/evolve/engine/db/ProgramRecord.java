package dev.evolve.engine.db;

import dev.evolve.eval.EvaluationOutcome;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One program and what became of it. Every candidate is recorded, failed ones too, so that no source is ever
 * evaluated twice; only {@code measured} ones can become parents.
 *
 * @param id        {@link SourceHash#of} the source
 * @param parentId  the id of the program it was derived from, or {@code null} for a seed
 * @param source    the full compilation unit
 * @param island    the island it was produced for (a child belongs to its parent's island)
 * @param iteration the loop iteration that produced it
 * @param origin    what made it, for example {@code "seed"}, {@code "ast:vectorize-fma(4)"}, {@code "llm:diff"}
 * @param status    one of {@link #STATUSES}, the names used by {@link EvaluationOutcome#status()}
 * @param detail    a human-readable reason or summary ({@code ""} when none)
 * @param score     speedup against the seed, or for a program scored by a custom evaluator its
 *                  {@link EvaluationOutcome.Scored#fitness()}; positive when measured, 0 otherwise
 * @param gflops    measured throughput, 0 unless measured
 * @param medianNs  median time of one timed run, 0 unless measured
 * @param metrics   further named figures (finite numbers), kept in key order
 * @param createdAt when the record was made
 */
public record ProgramRecord(
        String id,
        String parentId,
        String source,
        int island,
        long iteration,
        String origin,
        String status,
        String detail,
        double score,
        double gflops,
        long medianNs,
        Map<String, Double> metrics,
        Instant createdAt) {

    public static final String MEASURED = "measured";
    public static final String REJECTED = "rejected";
    public static final String COMPILE_ERROR = "compile_error";
    public static final String INCORRECT = "incorrect";
    public static final String TIMEOUT = "timeout";
    public static final String CRASH = "crash";

    /** Every status a record may have. */
    public static final Set<String> STATUSES = Set.of(MEASURED, REJECTED, COMPILE_ERROR, INCORRECT, TIMEOUT, CRASH);

    public ProgramRecord {
        if (!SourceHash.isId(id)) {
            throw new IllegalArgumentException("id must be 64 lower-case hex digits (SourceHash.of), was " + id);
        }
        if (parentId != null && !SourceHash.isId(parentId)) {
            throw new IllegalArgumentException("parentId must be null or 64 lower-case hex digits, was " + parentId);
        }
        Objects.requireNonNull(source, "source");
        if (island < 0) {
            throw new IllegalArgumentException("island must be >= 0, was " + island);
        }
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, was " + iteration);
        }
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("origin must not be blank");
        }
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + new TreeSet<>(STATUSES) + ", was " + status);
        }
        detail = detail == null ? "" : detail;
        if (!Double.isFinite(score) || score < 0) {
            throw new IllegalArgumentException("score must be finite and >= 0, was " + score);
        }
        if (MEASURED.equals(status) && !(score > 0)) {
            throw new IllegalArgumentException("a measured program has a score > 0, was " + score);
        }
        if (!MEASURED.equals(status) && score != 0) {
            throw new IllegalArgumentException("only a measured program has a score; " + status + " has " + score);
        }
        if (!Double.isFinite(gflops) || gflops < 0) {
            throw new IllegalArgumentException("gflops must be finite and >= 0, was " + gflops);
        }
        if (medianNs < 0) {
            throw new IllegalArgumentException("medianNs must be >= 0, was " + medianNs);
        }
        metrics = sortedCopy(metrics);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether this program may enter a grid and become a parent. */
    public boolean measured() {
        return MEASURED.equals(status);
    }

    /**
     * The record for {@code source} after evaluation, with the id computed from the source and the score, throughput
     * and median taken from a {@link EvaluationOutcome.Measured} outcome (a {@link EvaluationOutcome.Scored} one gives
     * its fitness as the score, and no throughput or time).
     */
    public static ProgramRecord of(String parentId, String source, int island, long iteration, String origin,
                                   EvaluationOutcome outcome, Map<String, Double> metrics, Instant createdAt) {
        return switch (outcome) {
            case EvaluationOutcome.Measured m -> new ProgramRecord(SourceHash.of(source), parentId, source, island,
                    iteration, origin, m.status(), m.detail(), m.speedupVsSeed(), m.gflops(), m.timing().medianNs(),
                    metrics, createdAt);
            case EvaluationOutcome.Scored s -> new ProgramRecord(SourceHash.of(source), parentId, source, island,
                    iteration, origin, s.status(), s.detail(), s.fitness(), 0, 0, metrics, createdAt);
            case EvaluationOutcome.Rejected r -> failed(parentId, source, island, iteration, origin, r, metrics, createdAt);
            case EvaluationOutcome.CompileFailed f -> failed(parentId, source, island, iteration, origin, f, metrics, createdAt);
            case EvaluationOutcome.Incorrect f -> failed(parentId, source, island, iteration, origin, f, metrics, createdAt);
            case EvaluationOutcome.TimedOut f -> failed(parentId, source, island, iteration, origin, f, metrics, createdAt);
            case EvaluationOutcome.Crashed f -> failed(parentId, source, island, iteration, origin, f, metrics, createdAt);
        };
    }

    private static ProgramRecord failed(String parentId, String source, int island, long iteration, String origin,
                                        EvaluationOutcome outcome, Map<String, Double> metrics, Instant createdAt) {
        return new ProgramRecord(SourceHash.of(source), parentId, source, island, iteration, origin, outcome.status(),
                outcome.detail(), 0, 0, 0, metrics, createdAt);
    }

    private static Map<String, Double> sortedCopy(Map<String, Double> metrics) {
        if (metrics == null || metrics.isEmpty()) {
            return Map.of();
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : new TreeMap<>(metrics).entrySet()) {
            if (e.getKey().isBlank() || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("metric " + e.getKey() + " must be named and finite, was " + e.getValue());
            }
            sorted.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(sorted);
    }
}
