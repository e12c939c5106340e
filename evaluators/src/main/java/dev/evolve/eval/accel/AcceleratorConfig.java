package dev.evolve.eval.accel;

import static dev.evolve.eval.worker.PoolSettings.requireAtLeast;
import static dev.evolve.eval.worker.PoolSettings.requirePositive;
import static dev.evolve.eval.worker.PoolSettings.requireSlowCutoff;

import dev.evolve.eval.worker.TimingPlan;
import java.time.Duration;
import java.util.function.Consumer;

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
        requireAtLeast("workers", workers, 1);
        requireAtLeast("heapMiB", heapMiB, 64);
        if (timingSize < 0) {
            throw new IllegalArgumentException("timingSize must be >= 0 (0: the target's): " + timingSize);
        }
        requirePositive("compileLimit", compileLimit);
        requirePositive("checkLimit", checkLimit);
        requirePositive("timingLimit", timingLimit);
        if (timingPlan == null) {
            throw new IllegalArgumentException("timingPlan is required");
        }
        requireSlowCutoff(slowCutoff);
        requireAtLeast("candidatesPerWorker", candidatesPerWorker, 1);
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
        return edit(d -> d.workers = n);
    }

    public AcceleratorConfig withHeapMiB(int mib) {
        return edit(d -> d.heapMiB = mib);
    }

    public AcceleratorConfig withTimingSize(int n) {
        return edit(d -> d.timingSize = n);
    }

    public AcceleratorConfig withLimits(Duration compile, Duration check, Duration timing) {
        return edit(d -> {
            d.compileLimit = compile;
            d.checkLimit = check;
            d.timingLimit = timing;
        });
    }

    public AcceleratorConfig withTimingPlan(TimingPlan plan) {
        return edit(d -> d.timingPlan = plan);
    }

    public AcceleratorConfig withSlowCutoff(double factor) {
        return edit(d -> d.slowCutoff = factor);
    }

    public AcceleratorConfig withCandidatesPerWorker(int n) {
        return edit(d -> d.candidatesPerWorker = n);
    }

    /** A copy with what {@code change} sets, checked like any other configuration. */
    private AcceleratorConfig edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** Every component by name, so that each {@code with...} says only what it changes. */
    private static final class Draft {
        int workers;
        int heapMiB;
        int timingSize;
        Duration compileLimit;
        Duration checkLimit;
        Duration timingLimit;
        TimingPlan timingPlan;
        double slowCutoff;
        int candidatesPerWorker;

        Draft(AcceleratorConfig c) {
            workers = c.workers;
            heapMiB = c.heapMiB;
            timingSize = c.timingSize;
            compileLimit = c.compileLimit;
            checkLimit = c.checkLimit;
            timingLimit = c.timingLimit;
            timingPlan = c.timingPlan;
            slowCutoff = c.slowCutoff;
            candidatesPerWorker = c.candidatesPerWorker;
        }

        AcceleratorConfig build() {
            return new AcceleratorConfig(workers, heapMiB, timingSize, compileLimit, checkLimit, timingLimit,
                    timingPlan, slowCutoff, candidatesPerWorker);
        }
    }
}
