package dev.evolve.engine.report;

import dev.evolve.eval.EvaluationOutcome;

/**
 * The primary metric of a run whose target is judged by its own evaluator (a scored target): the name the
 * evaluator gave it and which way is better. Reports of such runs show its values as the evaluator gave them
 * in place of speedups and GFLOP/s.
 *
 * @param name     the metric's name ({@code score}, {@code energy}, ...)
 * @param maximize whether higher values are better; null when the run folder does not tell (no measured child
 *                 whose value and database score reveal the goal), in which case it is read as higher is better,
 *                 the default goal
 */
public record PrimaryMetric(String name, Boolean maximize) {

    public PrimaryMetric {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a primary metric has a name");
        }
    }

    /** Whether higher values are better, reading an unknown goal as the default one (maximize). */
    public boolean higherIsBetter() {
        return maximize == null || maximize;
    }

    /** {@code higher is better}, {@code lower is better}, or null when the goal is not known. */
    public String goal() {
        return maximize == null ? null : maximize ? "higher is better" : "lower is better";
    }

    /** The name with its goal: {@code energy (lower is better)}. */
    public String label() {
        return goal() == null ? name : name + " (" + goal() + ")";
    }

    /**
     * The goal that makes {@code value} score {@code score} in the program database (which stores
     * {@link EvaluationOutcome.Scored#fitness()}), or null when both goals do (a value of 0) or neither does.
     */
    static Boolean goalOf(double value, double score) {
        if (value == 0 || !Double.isFinite(value) || !Double.isFinite(score)) {
            return null;
        }
        boolean asMax = close(fitness(value, true), score);
        boolean asMin = close(fitness(value, false), score);
        return asMax == asMin ? null : asMax;
    }

    private static double fitness(double value, boolean maximize) {
        return new EvaluationOutcome.Scored("v", value, maximize, null, null).fitness();
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
