package dev.evolve.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Raw wall-clock samples of single invocations, in nanoseconds, with their median and spread.
 * The spread is the median absolute deviation relative to the median.
 */
public record Timing(int size, List<Long> samplesNs, long medianNs, double relativeSpread) {

    public Timing {
        samplesNs = List.copyOf(samplesNs);
        if (samplesNs.isEmpty()) {
            throw new IllegalArgumentException("a timing needs at least one sample");
        }
        if (medianNs <= 0) {
            throw new IllegalArgumentException("median must be > 0 ns: " + medianNs);
        }
    }

    /** Builds a timing from raw samples, computing median and relative MAD. */
    public static Timing of(int size, List<Long> samplesNs) {
        long[] s = samplesNs.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = Math.max(1, medianOf(s));
        long[] dev = Arrays.stream(s).map(x -> Math.abs(x - median)).sorted().toArray();
        return new Timing(size, samplesNs, median, (double) medianOf(dev) / median);
    }

    private static long medianOf(long[] sorted) {
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /** Floating-point throughput at the median, given the FLOP count of one invocation. */
    public double gflops(double flops) {
        return flops / medianNs;
    }
}
