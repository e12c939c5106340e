package dev.evolve.eval.cascade;

import dev.evolve.eval.worker.TimingPlan;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link Cascade}. Start from {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * var config = CascadeConfig.defaults().withWorkers(4).withTimingPlan(TimingPlan.defaults());
 * }</pre>
 *
 * @param workers             worker JVMs, the bound on candidates compiled and checked at once
 * @param heapMiB             -Xmx of each worker
 * @param processors          -XX:ActiveProcessorCount of each worker
 * @param compileLimit        deadline of the compile request
 * @param checkLimit          deadline of the correctness request (all check sizes)
 * @param timingLimit         deadline of the timing request
 * @param timingPlan          warm-up and sampling
 * @param slowCutoff          a candidate whose runs take over this many times the seed's median (or the
 *                            reference set by {@link Cascade#screenAgainst}, when faster) is timed with
 *                            only a few samples (0: never cut short)
 * @param candidatesPerWorker a worker is replaced after this many candidates (bounds class-loading drift)
 * @param jmhConfirm          confirm each measured candidate with JMH (when a confirmation is given)
 * @param jmhTiming           use the JMH score (for candidate and seed) for speedup and GFLOP/s
 * @param exclusiveTiming     hold compilation and checks of other candidates back while one is timed
 *                            (on a machine with few cores they would take a core from the timed run)
 */
public record CascadeConfig(int workers, int heapMiB, int processors, Duration compileLimit, Duration checkLimit,
                            Duration timingLimit, TimingPlan timingPlan, double slowCutoff, int candidatesPerWorker,
                            boolean jmhConfirm, boolean jmhTiming, boolean exclusiveTiming) {

    public CascadeConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        if (heapMiB < 64) {
            throw new IllegalArgumentException("heapMiB must be >= 64: " + heapMiB);
        }
        if (processors < 1) {
            throw new IllegalArgumentException("processors must be >= 1: " + processors);
        }
        positive(compileLimit, "compileLimit");
        positive(checkLimit, "checkLimit");
        positive(timingLimit, "timingLimit");
        Objects.requireNonNull(timingPlan, "timingPlan");
        if (!(slowCutoff == 0 || slowCutoff >= 1)) {
            throw new IllegalArgumentException("slowCutoff must be 0 (off) or >= 1: " + slowCutoff);
        }
        if (candidatesPerWorker < 1) {
            throw new IllegalArgumentException("candidatesPerWorker must be >= 1: " + candidatesPerWorker);
        }
        if (jmhTiming && !jmhConfirm) {
            throw new IllegalArgumentException("jmhTiming needs jmhConfirm");
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be > 0: " + d);
        }
    }

    /**
     * Two workers with 1 GiB each and every processor; 10 s to compile, 10 s to check, 60 s to
     * time; {@link TimingPlan#defaults()}; cut short past 10x the seed; a fresh worker every 200
     * candidates; no JMH; exclusive timing.
     */
    public static CascadeConfig defaults() {
        return new CascadeConfig(2, 1024, Runtime.getRuntime().availableProcessors(),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60),
                TimingPlan.defaults(), 10, 200, false, false, true);
    }

    public CascadeConfig withWorkers(int n) {
        return new CascadeConfig(n, heapMiB, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withHeapMiB(int mib) {
        return new CascadeConfig(workers, mib, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withProcessors(int n) {
        return new CascadeConfig(workers, heapMiB, n, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withLimits(Duration compile, Duration check, Duration timing) {
        return new CascadeConfig(workers, heapMiB, processors, compile, check, timing, timingPlan,
                slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withTimingPlan(TimingPlan plan) {
        return new CascadeConfig(workers, heapMiB, processors, compileLimit, checkLimit, timingLimit, plan,
                slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withSlowCutoff(double factor) {
        return new CascadeConfig(workers, heapMiB, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                factor, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withCandidatesPerWorker(int n) {
        return new CascadeConfig(workers, heapMiB, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, n, jmhConfirm, jmhTiming, exclusiveTiming);
    }

    public CascadeConfig withJmh(boolean confirm, boolean useForTiming) {
        return new CascadeConfig(workers, heapMiB, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker, confirm, useForTiming, exclusiveTiming);
    }

    public CascadeConfig withExclusiveTiming(boolean exclusive) {
        return new CascadeConfig(workers, heapMiB, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusive);
    }
}
