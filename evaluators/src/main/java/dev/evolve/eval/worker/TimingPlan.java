package dev.evolve.eval.worker;

/**
 * How a worker times one candidate: warm up until both {@code warmupRuns} runs and
 * {@code warmupMinMillis} have passed (or {@code warmupMaxMillis} alone), then take samples until
 * {@code maxSamples}, or until {@code minSamples} are in and {@code maxMillis} have passed. Java
 * kernels get fresh inputs for every run; OpenCL kernels, whose buffers live on the device, rotate
 * among {@code problems} distinct problem instances. Every run's output is verified outside the
 * timed region. Plain numbers (not {@code Duration}) because the plan travels in the protocol.
 *
 * <pre>{@code
 * TimingPlan quick = new TimingPlan(1, 0, 200, 3, 5, 300, 3);
 * }</pre>
 */
public record TimingPlan(int warmupRuns, long warmupMinMillis, long warmupMaxMillis,
                         int minSamples, int maxSamples, long maxMillis, int problems) {

    /** Samples taken from a candidate cut short for being far slower than the seed. */
    public static final int CUT_SHORT_SAMPLES = 1;

    public TimingPlan {
        if (warmupRuns < 1) {
            throw new IllegalArgumentException("warmupRuns must be >= 1: " + warmupRuns);
        }
        if (warmupMinMillis < 0 || warmupMaxMillis < warmupMinMillis) {
            throw new IllegalArgumentException("need 0 <= warmupMinMillis <= warmupMaxMillis: "
                    + warmupMinMillis + ", " + warmupMaxMillis);
        }
        if (minSamples < 1 || maxSamples < minSamples) {
            throw new IllegalArgumentException("need 1 <= minSamples <= maxSamples: " + minSamples + ", " + maxSamples);
        }
        if (maxMillis < 0) {
            throw new IllegalArgumentException("maxMillis must be >= 0: " + maxMillis);
        }
        if (problems < 3) {
            throw new IllegalArgumentException("rotate among at least 3 problems (a memoizing variant must not pass): "
                    + problems);
        }
    }

    /**
     * Warm-up of at least 3 runs and 0.3 s (at most 1 s), then 5 to 15 samples within about 2 s:
     * a stable median for kernels from about 1 ms to about 0.4 s per run.
     */
    public static TimingPlan defaults() {
        return new TimingPlan(3, 300, 1000, 5, 15, 2000, 3);
    }
}
