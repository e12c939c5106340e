package dev.evolve.eval.cascade;

import static dev.evolve.eval.worker.PoolSettings.requireAtLeast;
import static dev.evolve.eval.worker.PoolSettings.requirePositive;
import static dev.evolve.eval.worker.PoolSettings.requireSlowCutoff;

import dev.evolve.eval.worker.TimingPlan;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

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
        requireAtLeast("workers", workers, 1);
        requireAtLeast("heapMiB", heapMiB, 64);
        requireAtLeast("processors", processors, 1);
        requirePositive("compileLimit", compileLimit);
        requirePositive("checkLimit", checkLimit);
        requirePositive("timingLimit", timingLimit);
        Objects.requireNonNull(timingPlan, "timingPlan");
        requireSlowCutoff(slowCutoff);
        requireAtLeast("candidatesPerWorker", candidatesPerWorker, 1);
        if (jmhTiming && !jmhConfirm) {
            throw new IllegalArgumentException("jmhTiming needs jmhConfirm");
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
        return edit(d -> d.workers = n);
    }

    public CascadeConfig withHeapMiB(int mib) {
        return edit(d -> d.heapMiB = mib);
    }

    public CascadeConfig withProcessors(int n) {
        return edit(d -> d.processors = n);
    }

    public CascadeConfig withLimits(Duration compile, Duration check, Duration timing) {
        return edit(d -> {
            d.compileLimit = compile;
            d.checkLimit = check;
            d.timingLimit = timing;
        });
    }

    public CascadeConfig withTimingPlan(TimingPlan plan) {
        return edit(d -> d.timingPlan = plan);
    }

    public CascadeConfig withSlowCutoff(double factor) {
        return edit(d -> d.slowCutoff = factor);
    }

    public CascadeConfig withCandidatesPerWorker(int n) {
        return edit(d -> d.candidatesPerWorker = n);
    }

    public CascadeConfig withJmh(boolean confirm, boolean useForTiming) {
        return edit(d -> {
            d.jmhConfirm = confirm;
            d.jmhTiming = useForTiming;
        });
    }

    public CascadeConfig withExclusiveTiming(boolean exclusive) {
        return edit(d -> d.exclusiveTiming = exclusive);
    }

    /** A copy with what {@code change} sets, checked like any other configuration. */
    private CascadeConfig edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** Every component by name, so that each {@code with...} says only what it changes. */
    private static final class Draft {
        int workers;
        int heapMiB;
        int processors;
        Duration compileLimit;
        Duration checkLimit;
        Duration timingLimit;
        TimingPlan timingPlan;
        double slowCutoff;
        int candidatesPerWorker;
        boolean jmhConfirm;
        boolean jmhTiming;
        boolean exclusiveTiming;

        Draft(CascadeConfig c) {
            workers = c.workers;
            heapMiB = c.heapMiB;
            processors = c.processors;
            compileLimit = c.compileLimit;
            checkLimit = c.checkLimit;
            timingLimit = c.timingLimit;
            timingPlan = c.timingPlan;
            slowCutoff = c.slowCutoff;
            candidatesPerWorker = c.candidatesPerWorker;
            jmhConfirm = c.jmhConfirm;
            jmhTiming = c.jmhTiming;
            exclusiveTiming = c.exclusiveTiming;
        }

        CascadeConfig build() {
            return new CascadeConfig(workers, heapMiB, processors, compileLimit, checkLimit, timingLimit, timingPlan,
                    slowCutoff, candidatesPerWorker, jmhConfirm, jmhTiming, exclusiveTiming);
        }
    }
}
