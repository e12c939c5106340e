package dev.evolve.eval;

import dev.evolve.kernels.Mismatch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What became of one variant. The first failing stage of the cascade decides the type; only
 * {@link Measured} (a timed kernel) and {@link Scored} (a program judged by a custom evaluator)
 * carry a score.
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
            return String.format("median %.3f ms at n=%d, %.2f GFLOP/s, %.2fx the seed (spread %.1f%%)%s%s",
                    timing.medianNs() / 1e6, timing.size(), gflops, speedupVsSeed, 100 * timing.relativeSpread(),
                    jmh == null ? "" : String.format(", JMH %.3f ± %.3f ms/op", jmh.scoreMs(), jmh.errorMs()),
                    jmhImplausible() ? String.format("; JMH and the screen disagree by more than %.0fx: implausible",
                            Jmh.PLAUSIBLE_FACTOR) : "");
        }

        /** JMH confirmed this program at a time more than {@link Jmh#PLAUSIBLE_FACTOR} off the screen's median. */
        public boolean jmhImplausible() {
            return jmh != null && Jmh.implausible(jmh.scoreMs() * 1e6, timing.medianNs());
        }
    }

    /**
     * Scored by a custom evaluator (a plug-in or an external command): the primary metric as the
     * evaluator reported it, whether higher values are better, every metric (the primary among them)
     * and text artifacts (an error output, a hint) that go back to the mutator with the program.
     * Its status is {@code measured}, like a timed kernel's: both may become parents.
     */
    record Scored(String primary, double value, boolean maximize, Map<String, Double> metrics,
                  Map<String, String> artifacts) implements EvaluationOutcome {
        public Scored {
            if (primary == null || primary.isBlank()) {
                throw new IllegalArgumentException("a score names its primary metric");
            }
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("the primary metric " + primary + " must be finite, was " + value);
            }
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(primary, value);
            if (metrics != null) {
                metrics.forEach((k, v) -> {
                    if (k == null || k.isBlank() || v == null || !Double.isFinite(v)) {
                        throw new IllegalArgumentException("metric " + k + " must be named and finite, was " + v);
                    }
                    if (!k.equals(primary)) {
                        m.put(k, v);
                    }
                });
            }
            metrics = java.util.Collections.unmodifiableMap(m);
            Map<String, String> a = new LinkedHashMap<>();
            if (artifacts != null) {
                artifacts.forEach((k, v) -> {
                    if (k == null || k.isBlank() || v == null) {
                        throw new IllegalArgumentException("artifact " + k + " must be named and have text");
                    }
                    a.put(k, Bounded.text(v, Bounded.OUTPUT_CHARS));   // the judged program may choose their length
                });
            }
            artifacts = java.util.Collections.unmodifiableMap(a);
        }

        @Override public String status() { return "measured"; }

        @Override public String detail() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s = %s (%s is better)", primary,
                    format(value), maximize ? "higher" : "lower"));
            String others = metrics.entrySet().stream().filter(e -> !e.getKey().equals(primary))
                    .map(e -> e.getKey() + " = " + format(e.getValue())).collect(Collectors.joining(", "));
            if (!others.isEmpty()) {
                out.append("; ").append(others);
            }
            artifacts.forEach((name, text) -> out.append("\n").append(name).append(":\n").append(text.strip()));
            return out.toString();
        }

        /**
         * A positive number that orders programs as the primary metric does once the goal is applied
         * (the database's score): {@code v >= 0 ? 1 + v : 1 / (1 - v)} of the value to maximize.
         */
        public double fitness() {
            double v = maximize ? value : -value;
            return v >= 0 ? 1 + v : 1 / (1 - v);
        }

        /** Up to 6 significant digits, without an exponent for ordinary magnitudes. */
        public static String format(double v) {
            return String.format(Locale.ROOT, "%.6g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                    .replaceFirst("\\.(e|$)", "$1");
        }
    }

    /** A JMH confirmation: average time per operation and its 99.9% error, in milliseconds. */
    record Jmh(double scoreMs, double errorMs, List<Double> rawMs) {

        /**
         * How far JMH and the screen may disagree about one program (its time, or its speedup over the
         * seed) before the confirmation is flagged: they time differently (a fork of its own, longer
         * warm-up, fresh problems), so tens of percent are normal, but a factor of 3 says one of them
         * did not time what it meant to (a candidate that games one harness, a broken measurement).
         */
        public static final double PLAUSIBLE_FACTOR = 3.0;

        public Jmh {
            rawMs = List.copyOf(rawMs);
        }

        /** Whether two positive figures of the same program differ by more than {@link #PLAUSIBLE_FACTOR} either way. */
        public static boolean implausible(double jmhFigure, double screenFigure) {
            if (!(jmhFigure > 0) || !(screenFigure > 0)) {
                return false;
            }
            double ratio = jmhFigure / screenFigure;
            return ratio > PLAUSIBLE_FACTOR || ratio < 1 / PLAUSIBLE_FACTOR;
        }
    }

    /** Refused: by a static check before compilation, or by a custom evaluator that found the program invalid. */
    record Rejected(String reason) implements EvaluationOutcome {
        public Rejected {
            reason = Bounded.text(reason, Bounded.MESSAGE_CHARS);
        }

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

        /** Capped here too, whoever built it: the candidate chose these texts. */
        public Crashed {
            message = Bounded.text(message, Bounded.MESSAGE_CHARS);
            stackTrace = Bounded.text(stackTrace, Bounded.TRACE_CHARS);
            output = Bounded.text(output, Bounded.OUTPUT_CHARS);
        }

        @Override public String status() { return "crash"; }

        @Override public String detail() {
            return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }
}
