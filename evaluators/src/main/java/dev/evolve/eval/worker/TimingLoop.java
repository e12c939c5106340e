package dev.evolve.eval.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * The sampling loop of a {@link TimingPlan}, shared by every kind of candidate: warm up, then
 * take samples rotating over the problem instances, stopping early for a candidate far slower
 * than the cut-off. What one run is (a Java call, an OpenCL launch) and how it is timed is the
 * caller's {@link Run}.
 */
public final class TimingLoop {

    private TimingLoop() {
    }

    /** One run on problem {@code index}, its output verified: the time in nanoseconds, or -1 when the output was wrong. */
    @FunctionalInterface
    public interface Run {
        long on(int index) throws Exception;
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
     * a candidate whose runs take longer (the cold first run aside) is timed with
     * {@link TimingPlan#CUT_SHORT_SAMPLES} samples only.
     */
    public static Result run(TimingPlan plan, long cutoffNs, int problems, Run run) throws Exception {
        int count = 0;
        boolean slow = false;
        long warmStart = System.nanoTime();
        while (true) {
            int index = count++ % problems;
            long dt = run.on(index);
            if (dt < 0) {
                return new Result.Wrong(index);
            }
            long elapsed = System.nanoTime() - warmStart;
            if (cutoffNs > 0 && count >= 2 && dt > cutoffNs) {   // the first run is cold: never judge by it
                slow = true;
                break;
            }
            if ((count >= plan.warmupRuns() && elapsed >= plan.warmupMinMillis() * 1_000_000L)
                    || elapsed >= plan.warmupMaxMillis() * 1_000_000L) {
                break;
            }
        }
        int wanted = slow ? Math.min(TimingPlan.CUT_SHORT_SAMPLES, plan.minSamples()) : plan.maxSamples();
        List<Long> samples = new ArrayList<>();
        long measureStart = System.nanoTime();
        while (samples.size() < wanted) {
            int index = count++ % problems;
            long dt = run.on(index);
            if (dt < 0) {
                return new Result.Wrong(index);
            }
            samples.add(Math.max(1, dt));
            if (samples.size() >= plan.minSamples()
                    && System.nanoTime() - measureStart >= plan.maxMillis() * 1_000_000L) {
                break;
            }
            if (cutoffNs > 0 && samples.size() >= TimingPlan.CUT_SHORT_SAMPLES && median(samples) > cutoffNs) {
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
