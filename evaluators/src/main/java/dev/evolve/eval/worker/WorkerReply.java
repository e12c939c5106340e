package dev.evolve.eval.worker;

import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.kernels.Mismatch;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A worker's answer to one {@link WorkerRequest} (or its {@link Kind#READY} greeting). Only the
 * fields of its kind are set; the rest are empty. {@code workerNanos} is the time the worker spent
 * on the request, so the engine can tell its own overhead from the work. {@code strayThreads}
 * counts threads the candidate started that were still alive after the request: such a worker
 * is retired after the candidate, so the threads cannot disturb the next one.
 */
public record WorkerReply(Kind kind, List<CompileDiagnostic> diagnostics, Map<String, byte[]> classes,
                          Mismatch mismatch, int size, List<Long> samplesNs, Crashed.Kind crash,
                          String message, String stackTrace, long workerNanos, long pid, int strayThreads,
                          ScoreReply score, List<String> digests, List<byte[]> outputs) {

    /** A plug-in's score: the primary metric's name, every metric (the primary among them), text artifacts. */
    public record ScoreReply(String primary, Map<String, Double> metrics, Map<String, String> artifacts) {
        public ScoreReply {
            Objects.requireNonNull(primary, "primary");
            metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
            artifacts = artifacts == null ? Map.of() : Map.copyOf(artifacts);
        }
    }

    /** A reply without a score (every built-in stage). */
    public WorkerReply(Kind kind, List<CompileDiagnostic> diagnostics, Map<String, byte[]> classes,
                       Mismatch mismatch, int size, List<Long> samplesNs, Crashed.Kind crash,
                       String message, String stackTrace, long workerNanos, long pid, int strayThreads) {
        this(kind, diagnostics, classes, mismatch, size, samplesNs, crash, message, stackTrace, workerNanos, pid,
                strayThreads, null);
    }

    /** A reply without output copies or digests. */
    public WorkerReply(Kind kind, List<CompileDiagnostic> diagnostics, Map<String, byte[]> classes,
                       Mismatch mismatch, int size, List<Long> samplesNs, Crashed.Kind crash,
                       String message, String stackTrace, long workerNanos, long pid, int strayThreads,
                       ScoreReply score) {
        this(kind, diagnostics, classes, mismatch, size, samplesNs, crash, message, stackTrace, workerNanos, pid,
                strayThreads, score, null, null);
    }

    /** What happened. */
    public enum Kind {
        /** The worker is up and its compiler warm. */
        READY,
        COMPILED, COMPILE_FAILED,
        /** Correct at every size checked. */
        PASSED,
        /** A check or timed run produced a wrong output. */
        INCORRECT,
        /**
         * Timed: {@code samplesNs}, and for each sample the SHA-256 of its output ({@code digests}, empty
         * where the output was not kept), which binds the outputs the engine asks for afterwards.
         */
        TIMED,
        /** Copies of the requested outputs ({@code outputs}, encoded by {@link ArrayBytes}). */
        OUTPUTS,
        /** A plug-in scored the program. */
        SCORED,
        /** A plug-in found the program invalid; {@code message} says why. */
        INVALID,
        /** The candidate threw; the worker must be retired. */
        CRASHED,
        /** The request itself was wrong (a bug on the engine side, never the candidate's doing). */
        ERROR
    }

    public WorkerReply {
        Objects.requireNonNull(kind, "kind");
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        samplesNs = samplesNs == null ? List.of() : List.copyOf(samplesNs);
        digests = digests == null ? List.of() : List.copyOf(digests);
        outputs = outputs == null ? List.of() : List.copyOf(outputs);
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
        switch (kind) {
            case COMPILE_FAILED -> require(!diagnostics.isEmpty(), "a failed compilation has diagnostics");
            case INCORRECT -> require(mismatch != null, "an incorrect reply has a mismatch");
            case TIMED -> require(!samplesNs.isEmpty() && size >= 1
                    && (digests.isEmpty() || digests.size() == samplesNs.size()),
                    "a timing has samples, a size, and a digest per sample if any");
            case OUTPUTS -> require(!outputs.isEmpty(), "an outputs reply has outputs");
            case CRASHED -> require(crash != null, "a crash has a kind");
            case SCORED -> require(score != null, "a score reply has a score");
            default -> { }
        }
    }

    WorkerReply withStrayThreads(int count) {
        return new WorkerReply(kind, diagnostics, classes, mismatch, size, samplesNs, crash, message, stackTrace,
                workerNanos, pid, count, score, digests, outputs);
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    static WorkerReply ready(long pid) {
        return new WorkerReply(Kind.READY, null, null, null, 0, null, null, null, null, 0, pid, 0);
    }

    public static WorkerReply compiled(Map<String, byte[]> classes, long nanos) {
        return new WorkerReply(Kind.COMPILED, null, classes, null, 0, null, null, null, null, nanos, 0, 0);
    }

    public static WorkerReply compileFailed(List<CompileDiagnostic> diagnostics, long nanos) {
        return new WorkerReply(Kind.COMPILE_FAILED, diagnostics, null, null, 0, null, null, null, null, nanos, 0, 0);
    }

    public static WorkerReply passed(long nanos) {
        return new WorkerReply(Kind.PASSED, null, null, null, 0, null, null, null, null, nanos, 0, 0);
    }

    public static WorkerReply incorrect(Mismatch mismatch, long nanos) {
        return new WorkerReply(Kind.INCORRECT, null, null, mismatch, mismatch.size(), null, null, null, null, nanos, 0, 0);
    }

    public static WorkerReply timed(int size, List<Long> samples, long nanos) {
        return new WorkerReply(Kind.TIMED, null, null, null, size, samples, null, null, null, nanos, 0, 0);
    }

    /** Timed, with the digest of each sample's output ({@code ""} where it was not kept). */
    public static WorkerReply timed(int size, List<Long> samples, List<String> digests, long nanos) {
        return new WorkerReply(Kind.TIMED, null, null, null, size, samples, null, null, null, nanos, 0, 0, null,
                digests, null);
    }

    /** Copies of outputs, in the order they were asked for. */
    public static WorkerReply outputs(List<byte[]> outputs, long nanos) {
        return new WorkerReply(Kind.OUTPUTS, null, null, null, 0, null, null, null, null, nanos, 0, 0, null,
                null, outputs);
    }

    public static WorkerReply crashed(Crashed.Kind crash, String message, String stackTrace, long nanos) {
        return new WorkerReply(Kind.CRASHED, null, null, null, 0, null, crash, message, stackTrace, nanos, 0, 0);
    }

    public static WorkerReply scored(ScoreReply score, long nanos) {
        return new WorkerReply(Kind.SCORED, null, null, null, 0, null, null, null, null, nanos, 0, 0, score);
    }

    public static WorkerReply invalid(String reason, long nanos) {
        return new WorkerReply(Kind.INVALID, null, null, null, 0, null, null, reason, null, nanos, 0, 0, null);
    }

    public static WorkerReply error(String message) {
        return new WorkerReply(Kind.ERROR, null, null, null, 0, null, null, message, null, 0, 0, 0);
    }
}
