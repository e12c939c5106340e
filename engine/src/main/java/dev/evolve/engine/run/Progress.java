package dev.evolve.engine.run;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot of a run for the display: where it is against its budget and what it has found.
 * {@code bestGbps} is 0 when the target does not state the bytes it moves. For a target judged by a
 * custom evaluator, {@code primary} names its primary metric and {@code bestValue} is the best value
 * of it; both are null for timed kernels.
 */
public record Progress(Duration elapsed, Duration budget, long iterations, Long iterationLimit,
                       double bestSpeedup, double bestGflops, double bestGbps, boolean bestConfirmed,
                       long duplicates, Map<String, Long> statusCounts, String primary, Double bestValue,
                       String model) {

    public Progress {
        statusCounts = Map.copyOf(statusCounts);
    }

    /** A snapshot without the model lane's figures ({@code model}: its part of the line, or null). */
    public Progress(Duration elapsed, Duration budget, long iterations, Long iterationLimit,
                    double bestSpeedup, double bestGflops, double bestGbps, boolean bestConfirmed,
                    long duplicates, Map<String, Long> statusCounts, String primary, Double bestValue) {
        this(elapsed, budget, iterations, iterationLimit, bestSpeedup, bestGflops, bestGbps, bestConfirmed,
                duplicates, statusCounts, primary, bestValue, null);
    }

    /** A snapshot of a timed run. */
    public Progress(Duration elapsed, Duration budget, long iterations, Long iterationLimit,
                    double bestSpeedup, double bestGflops, double bestGbps, boolean bestConfirmed,
                    long duplicates, Map<String, Long> statusCounts) {
        this(elapsed, budget, iterations, iterationLimit, bestSpeedup, bestGflops, bestGbps, bestConfirmed,
                duplicates, statusCounts, null, null);
    }

    /** Children evaluated per minute of wall time so far. */
    public double perMinute() {
        double minutes = elapsed.toMillis() / 60_000.0;
        return minutes <= 0 ? 0 : iterations / minutes;
    }

    /** One line: best, rate and status counts, in a stable order, and the model lane's figures in a model run. */
    public String line() {
        return model == null ? figures() : figures() + " | " + model;
    }

    private String figures() {
        String counts = statusCounts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        if (primary != null) {
            return String.format("best %s = %s | %d evaluated, %.1f/min, %d duplicates | %s", primary,
                    bestValue == null ? "-" : dev.evolve.eval.EvaluationOutcome.Scored.format(bestValue), iterations,
                    perMinute(), duplicates, counts);
        }
        String bandwidth = bestGbps > 0 ? String.format(", %.2f GB/s", bestGbps) : "";
        return String.format("best %.2fx (%.2f GFLOP/s%s%s) | %d evaluated, %.1f/min, %d duplicates | %s",
                bestSpeedup, bestGflops, bandwidth, bestConfirmed ? ", JMH" : "", iterations, perMinute(), duplicates,
                counts);
    }
}
