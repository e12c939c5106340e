package dev.evolve.engine.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run over time, from its event log. Times are seconds of run time: the wall time since the run
 * started, summed over the sessions of a resumed run (the pauses between sessions do not count).
 *
 * @param evaluations  every evaluated child, in log order
 * @param seedSeconds  when the seed was measured, or null when the log does not say
 * @param confirmations JMH confirmations of new bests
 * @param statusCounts children per status, in the order first seen
 * @param endSeconds   the run time of the last event
 */
public record Timeline(List<Evaluation> evaluations, Double seedSeconds, List<Confirmation> confirmations,
                       Map<String, Long> statusCounts, double endSeconds) {

    public Timeline {
        evaluations = List.copyOf(evaluations);
        confirmations = List.copyOf(confirmations);
        statusCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(statusCounts));
    }

    /** One evaluated child; {@code score} (speedup over the seed) and {@code gflops} are 0 unless measured. */
    public record Evaluation(long iteration, double seconds, String status, double score, double gflops) {
        public boolean measured() {
            return "measured".equals(status);
        }
    }

    /** A JMH confirmation of a best: its speedup over the seed's JMH time and its GFLOP/s. */
    public record Confirmation(double seconds, String id, double speedup, double gflops) {
    }

    /** A point where the best so far rose (the seed, score 1, first when the log has it). */
    public record Best(double seconds, long iteration, double score) {
    }

    /** Children evaluated per minute in the run-time interval {@code [fromSeconds, toSeconds)}. */
    public record Rate(double fromSeconds, double toSeconds, double perMinute) {
    }

    /** Evaluations of measured children. */
    public List<Evaluation> measured() {
        return evaluations.stream().filter(Evaluation::measured).toList();
    }

    /**
     * The best score so far at each rise, from the screening timings: the seed (score 1) first when the log
     * has it, then every measured child that beat everything before it.
     */
    public List<Best> bestSoFar() {
        List<Best> out = new ArrayList<>();
        double best = 0;
        if (seedSeconds != null) {
            out.add(new Best(seedSeconds, 0, 1.0));
            best = 1.0;
        }
        for (Evaluation e : evaluations) {
            if (e.measured() && e.score() > best) {
                best = e.score();
                out.add(new Best(e.seconds(), e.iteration(), e.score()));
            }
        }
        return out;
    }

    /**
     * Throughput over time: the run is cut into equal intervals of a round length (5 s up to an hour, about 20
     * of them; a last stub shorter than half an interval joins the one before), each with its children per
     * minute. Empty when nothing was evaluated.
     */
    public List<Rate> throughput() {
        if (evaluations.isEmpty() || endSeconds <= 0) {
            return List.of();
        }
        double width = roundInterval(endSeconds / 20);
        List<double[]> bins = new ArrayList<>();          // {from, to}
        for (double from = 0; from < endSeconds; from += width) {
            bins.add(new double[] {from, Math.min(from + width, endSeconds)});
        }
        if (bins.size() > 1 && bins.getLast()[1] - bins.getLast()[0] < width / 2) {
            double end = bins.removeLast()[1];
            bins.getLast()[1] = end;
        }
        long[] counts = new long[bins.size()];
        for (Evaluation e : evaluations) {
            int i = (int) Math.min(bins.size() - 1, Math.max(0, Math.floor(e.seconds() / width)));
            counts[i]++;
        }
        List<Rate> rates = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            double length = bins.get(i)[1] - bins.get(i)[0];
            rates.add(new Rate(bins.get(i)[0], bins.get(i)[1], length > 0 ? counts[i] * 60.0 / length : 0));
        }
        return rates;
    }

    /** The smallest of 5 s, 10 s, 15 s, 30 s, 1, 2, 5, 10, 15, 30 min and 1 h that is at least {@code seconds}. */
    static double roundInterval(double seconds) {
        double[] steps = {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
        for (double s : steps) {
            if (s >= seconds) {
                return s;
            }
        }
        return 3600;
    }
}
