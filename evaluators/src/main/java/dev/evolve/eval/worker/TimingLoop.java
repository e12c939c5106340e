package dev.evolve.eval.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * The sampling loop of a {@link TimingPlan}, shared by every kind of candidate: warm up, then
 * take samples, stopping early for a candidate far slower than the cut-off. What one run is (a
 * Java call, an OpenCL launch) and how it is timed is the caller's: {@link #runFresh} gives every
 * call its own inputs (Java kernels: seeds from {@link #sampleSeed} and {@link #warmUpSeed}, so the
 * engine can rebuild the inputs of any sample); {@link #run} rotates over a few prepared problems
 * (OpenCL kernels, whose buffers live on the device).
 */
public final class TimingLoop {

    private TimingLoop() {
    }

    /** One run on problem {@code index}, its output verified: the time in nanoseconds, or -1 when the output was wrong. */
    @FunctionalInterface
    public interface Run {
        long on(int index) throws Exception;
    }

    /** One run on fresh inputs: the warm-up run or the sample number {@code ordinal}; -1 when the output was wrong. */
    @FunctionalInterface
    public interface FreshRun {
        long on(boolean sample, int ordinal) throws Exception;
    }

    /** The seed of the inputs of timed sample {@code j} of a timing whose request carried {@code seed}. */
    public static long sampleSeed(long seed, int j) {
        return mix(seed + 0x9E3779B97F4A7C15L * (2L * j + 1));
    }

    /** The seed of the inputs of warm-up run {@code k}. */
    public static long warmUpSeed(long seed, int k) {
        return mix(seed + 0x9E3779B97F4A7C15L * (2L * k + 2));
    }

    private static long mix(long z) {   // SplitMix64's finaliser
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** How the loop ended. */
    public sealed interface Result {
        /** Every run was correct; the samples after the warm-up. */
        record Samples(List<Long> samplesNs) implements Result {
            public Samples {
                samplesNs = List.copyOf(samplesNs);
            }
        }

        /** The run on problem {@code index} produced a wrong output. */
        record Wrong(int index) implements Result {
        }
    }

    /**
     * Runs the plan over {@code problems} instances (used in rotation). With {@code cutoffNs > 0}
     * a candidate whose runs take longer (the cold first run aside, two in a row) is timed with
     * {@link TimingPlan#CUT_SHORT_SAMPLES} samples only.
     */
    public static Result run(TimingPlan plan, long cutoffNs, int problems, Run run) throws Exception {
        int[] count = {0};
        int[] last = {0};
        return loop(plan, cutoffNs, (sample, ordinal) -> {
            last[0] = count[0]++ % problems;
            return run.on(last[0]);
        }, last);
    }

    /**
     * Runs the plan with fresh inputs for every call. {@link Result.Wrong#index()} is the ordinal of
     * the wrong run (a warm-up run's or a sample's; the caller knows which from its own record).
     */
    public static Result runFresh(TimingPlan plan, long cutoffNs, FreshRun run) throws Exception {
        return runFresh(plan, cutoffNs, run, false);
    }

    /**
     * As {@link #runFresh(TimingPlan, long, FreshRun)}; with {@code settle} the warm-up goes on past the plan's
     * until the run times stop falling (see {@link #settled}), for at most {@link #SETTLE_MAX_MILLIS} more.
     * Vector API code is slow until C2 has compiled it into vector instructions, which takes longer than a
     * plain loop's compilation; a screen taken before that ranks the candidate by its interpreter speed.
     */
    public static Result runFresh(TimingPlan plan, long cutoffNs, FreshRun run, boolean settle) throws Exception {
        int[] last = {0};
        return loop(plan, cutoffNs, (sample, ordinal) -> {
            last[0] = ordinal;
            return run.on(sample, ordinal);
        }, last, settle);
    }

    /** The longest extra warm-up a settling candidate gets, past the plan's own. */
    public static final long SETTLE_MAX_MILLIS = 2000;
    /** The window of warm-up runs compared: the last {@value} against the {@value} before them. */
    static final int SETTLE_WINDOW = 5;
    /** How much faster the last window may still be and count as settled. */
    static final double SETTLE_TOLERANCE = 0.05;

    /**
     * Whether the warm-up times have settled: the median of the last {@link #SETTLE_WINDOW} runs is no more
     * than {@link #SETTLE_TOLERANCE} below the median of the window before it (the code is no longer speeding up).
     */
    static boolean settled(List<Long> warmUp) {
        int n = warmUp.size();
        if (n < 2 * SETTLE_WINDOW) {
            return false;
        }
        long recent = median(warmUp.subList(n - SETTLE_WINDOW, n));
        long before = median(warmUp.subList(n - 2 * SETTLE_WINDOW, n - SETTLE_WINDOW));
        return recent >= (1 - SETTLE_TOLERANCE) * before;
    }

    private static Result loop(TimingPlan plan, long cutoffNs, FreshRun run, int[] last) throws Exception {
        return loop(plan, cutoffNs, run, last, false);
    }

    private static Result loop(TimingPlan plan, long cutoffNs, FreshRun run, int[] last, boolean settle)
            throws Exception {
        int count = 0;
        int slowInARow = 0;
        boolean slow = false;
        long warmStart = System.nanoTime();
        List<Long> warmUp = new ArrayList<>();
        long settleStart = -1;
        while (true) {
            long dt = run.on(false, count++);
            if (dt < 0) {
                return new Result.Wrong(last[0]);
            }
            warmUp.add(dt);
            long elapsed = System.nanoTime() - warmStart;
            // the first run is cold: never judge by it; and one run past the cut-off may be a pause
            // (a collection, another process), two in a row are the candidate
            slowInARow = cutoffNs > 0 && count >= 2 && dt > cutoffNs ? slowInARow + 1 : 0;
            if (slowInARow >= 2) {
                slow = true;
                break;
            }
            if ((count >= plan.warmupRuns() && elapsed >= plan.warmupMinMillis() * 1_000_000L)
                    || elapsed >= plan.warmupMaxMillis() * 1_000_000L) {
                if (!settle || settled(warmUp)) {
                    break;
                }
                long now = System.nanoTime();
                settleStart = settleStart < 0 ? now : settleStart;
                if (now - settleStart >= SETTLE_MAX_MILLIS * 1_000_000L) {
                    break;
                }
            }
        }
        int wanted = slow ? Math.min(TimingPlan.CUT_SHORT_SAMPLES, plan.minSamples()) : plan.maxSamples();
        List<Long> samples = new ArrayList<>();
        long measureStart = System.nanoTime();
        while (samples.size() < wanted) {
            long dt = run.on(true, samples.size());
            if (dt < 0) {
                return new Result.Wrong(last[0]);
            }
            samples.add(Math.max(1, dt));
            if (samples.size() >= plan.minSamples()
                    && System.nanoTime() - measureStart >= plan.maxMillis() * 1_000_000L) {
                break;
            }
            // as in the warm-up: one sample past the cut-off may be a pause or code not yet compiled,
            // two (every sample so far) are the candidate
            if (cutoffNs > 0 && samples.size() >= 2 && samples.stream().allMatch(x -> x > cutoffNs)) {
                break;
            }
        }
        return new Result.Samples(samples);
    }

    private static long median(List<Long> xs) {
        long[] s = xs.stream().mapToLong(Long::longValue).sorted().toArray();
        return s[s.length / 2];
    }
}
