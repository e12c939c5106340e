package dev.evolve.eval;

import dev.evolve.kernels.Mismatch;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What became of one variant. The first failing stage of the cascade decides the type; only
 * {@link Measured} carries a score.
 */
public sealed interface EvaluationOutcome {

    /** The stable lower-case status name used in JSON, logs and the database. */
    String status();

    /** A human-readable reason, fit to show a user or to feed back to a mutator. */
    String detail();

    /** Timed, and correct on every run checked, including the timed ones. */
    record Measured(Timing timing, Timing seedTiming, double gflops, double speedupVsSeed, Jmh jmh)
            implements EvaluationOutcome {
        public Measured {
            if (!(gflops > 0) || !(speedupVsSeed > 0)) {
                throw new IllegalArgumentException("a measured variant has positive throughput and speedup");
            }
        }

        @Override public String status() { return "measured"; }

        @Override public String detail() {
            return String.format("median %.3f ms at n=%d, %.2f GFLOP/s, %.2fx the seed (spread %.1f%%)%s",
                    timing.medianNs() / 1e6, timing.size(), gflops, speedupVsSeed, 100 * timing.relativeSpread(),
                    jmh == null ? "" : String.format(", JMH %.3f ± %.3f ms/op", jmh.scoreMs(), jmh.errorMs()));
        }
    }

    /** A JMH confirmation: average time per operation and its 99.9% error, in milliseconds. */
    record Jmh(double scoreMs, double errorMs, List<Double> rawMs) {
        public Jmh {
            rawMs = List.copyOf(rawMs);
        }
    }

    /** Refused before compilation by a static check. */
    record Rejected(String reason) implements EvaluationOutcome {
        @Override public String status() { return "rejected"; }
        @Override public String detail() { return reason; }
    }

    /** javac refused it. */
    record CompileFailed(List<CompileDiagnostic> diagnostics) implements EvaluationOutcome {
        public CompileFailed {
            diagnostics = List.copyOf(diagnostics);
        }

        @Override public String status() { return "compile_error"; }

        @Override public String detail() {
            return diagnostics.stream().limit(10).map(CompileDiagnostic::toString).collect(Collectors.joining("\n"));
        }
    }

    /** Ran, but an output element was out of tolerance (in a check run or in a timed run). */
    record Incorrect(Mismatch mismatch, String phase) implements EvaluationOutcome {
        @Override public String status() { return "incorrect"; }
        @Override public String detail() { return phase + ": " + mismatch.describe(); }
    }

    /** Killed after running past its limit. */
    record TimedOut(String phase, Duration limit) implements EvaluationOutcome {
        @Override public String status() { return "timeout"; }
        @Override public String detail() { return phase + " ran past its limit of " + limit.toMillis() + " ms and was killed"; }
    }

    /** Threw, ran out of memory, or its process died. */
    record Crashed(Kind kind, String message, String stackTrace, String output) implements EvaluationOutcome {
        public enum Kind { EXCEPTION, OUT_OF_MEMORY, STACK_OVERFLOW, EXIT }

        public Crashed {
            message = message == null ? "" : message;
            stackTrace = stackTrace == null ? "" : stackTrace;
            output = output == null ? "" : output;
        }

        @Override public String status() { return "crash"; }

        @Override public String detail() {
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }
}
