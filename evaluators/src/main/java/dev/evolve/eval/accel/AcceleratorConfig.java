package dev.evolve.eval.accel;

import dev.evolve.eval.worker.TimingPlan;
import java.time.Duration;

/**
 * Settings of an accelerator evaluator. Start from {@link #defaults()} and change what differs.
 *
 * @param workers             worker processes, the bound on candidates built and checked at once
 * @param heapMiB             -Xmx of each worker (host copies of inputs, outputs and references)
 * @param timingSize          problem size for timing; 0 for the target's own
 * @param compileLimit        deadline of the build request (a build that hangs the compiler is killed)
 * @param checkLimit          deadline of the correctness request (every check size)
 * @param timingLimit         deadline of the timing request
 * @param timingPlan          warm-up and sampling
 * @param slowCutoff          a candidate whose runs take over this many times the seed's median (or the
 *                            screening reference's, when faster) gets a short screen (0: never)
 * @param candidatesPerWorker a worker is replaced after this many candidates
 */
public record AcceleratorConfig(int workers, int heapMiB, int timingSize, Duration compileLimit, Duration checkLimit,
                                Duration timingLimit, TimingPlan timingPlan, double slowCutoff,
                                int candidatesPerWorker) {

    public AcceleratorConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        if (heapMiB < 64) {
            throw new IllegalArgumentException("heapMiB must be >= 64: " + heapMiB);
        }
        if (timingSize < 0) {
            throw new IllegalArgumentException("timingSize must be >= 0 (0: the target's): " + timingSize);
        }
        positive(compileLimit, "compileLimit");
        positive(checkLimit, "checkLimit");
        positive(timingLimit, "timingLimit");
        if (timingPlan == null) {
            throw new IllegalArgumentException("timingPlan is required");
        }
        if (!(slowCutoff == 0 || slowCutoff >= 1)) {
            throw new IllegalArgumentException("slowCutoff must be 0 (off) or >= 1: " + slowCutoff);
        }
        if (candidatesPerWorker < 1) {
            throw new IllegalArgumentException("candidatesPerWorker must be >= 1: " + candidatesPerWorker);
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
    }

    /** The plan accelerators are timed with: at least 1 warm-up launch and 0.2 s (at most 1 s), then 3 to 15 samples within about 2 s. */
    public static TimingPlan defaultPlan() {
        return new TimingPlan(1, 200, 1000, 3, 15, 2000, 3);
    }

    /**
     * Two workers of 1 GiB; the target's timing size; 30 s to build, 60 s to check, 180 s to
     * time (a naive seed at n=1024 takes some 10 s per launch on a CPU device); the default plan;
     * short screen past 10x the seed; a fresh worker every 100 candidates.
     */
    public static AcceleratorConfig defaults() {
        return new AcceleratorConfig(2, 1024, 0, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(180), defaultPlan(), 10, 100);
    }

    public AcceleratorConfig withWorkers(int n) {
        return new AcceleratorConfig(n, heapMiB, timingSize, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker);
    }

    public AcceleratorConfig withHeapMiB(int mib) {
        return new AcceleratorConfig(workers, mib, timingSize, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker);
    }

    public AcceleratorConfig withTimingSize(int n) {
        return new AcceleratorConfig(workers, heapMiB, n, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker);
    }

    public AcceleratorConfig withLimits(Duration compile, Duration check, Duration timing) {
        return new AcceleratorConfig(workers, heapMiB, timingSize, compile, check, timing, timingPlan, slowCutoff,
                candidatesPerWorker);
    }

    public AcceleratorConfig withTimingPlan(TimingPlan plan) {
        return new AcceleratorConfig(workers, heapMiB, timingSize, compileLimit, checkLimit, timingLimit, plan,
                slowCutoff, candidatesPerWorker);
    }

    public AcceleratorConfig withSlowCutoff(double factor) {
        return new AcceleratorConfig(workers, heapMiB, timingSize, compileLimit, checkLimit, timingLimit, timingPlan,
                factor, candidatesPerWorker);
    }

    public AcceleratorConfig withCandidatesPerWorker(int n) {
        return new AcceleratorConfig(workers, heapMiB, timingSize, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, n);
    }
}
