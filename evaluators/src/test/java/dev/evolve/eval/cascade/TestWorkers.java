package dev.evolve.eval.cascade;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.statics.StaticCheck;
import dev.evolve.eval.jmh.JmhConfirmation;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.KernelTarget;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the cascade tests share: a quick configuration for real worker JVMs, and a pool of them
 * with a cascade on it, for one test class ({@code @BeforeAll} / {@code @AfterAll}). The timing lane
 * is a lock file in the class's temporary folder, so classes never wait for each other.
 */
final class TestWorkers implements AutoCloseable {

    /** A short timing plan: one batch, at least 3 and at most 5 samples, 200 ms of warm-up at most. */
    static final TimingPlan QUICK_PLAN = new TimingPlan(1, 0, 100, 3, 5, 200, 3);

    final LocalWorkerPool pool;
    final BenchLane lane;
    final KernelTarget target;
    final CascadeConfig config;
    final Cascade cascade;

    private TestWorkers(LocalWorkerPool pool, BenchLane lane, KernelTarget target, CascadeConfig config,
                        StaticCheck check) {
        this.pool = pool;
        this.lane = lane;
        this.target = target;
        this.config = config;
        this.cascade = Cascade.using(pool, lane, target, config, check, null);
    }

    /** 256 MiB, one processor, {@link #QUICK_PLAN}; compile within {@code compile}, check and time within 10 s. */
    static CascadeConfig quick(Duration compile) {
        return CascadeConfig.defaults().withHeapMiB(256).withProcessors(1)
                .withLimits(compile, Duration.ofSeconds(10), Duration.ofSeconds(10))
                .withTimingPlan(QUICK_PLAN);
    }

    /** {@code workers} worker JVMs of this JVM's java and class path, and a cascade on them. */
    static TestWorkers start(int workers, Path lockDir, KernelTarget target, CascadeConfig config, StaticCheck check) {
        return start(WorkerLaunch.fromThisJvm(config.heapMiB(), config.processors()), workers, lockDir, target, config,
                check);
    }

    /** {@code workers} worker JVMs started by {@code launch}, and a cascade on them. */
    static TestWorkers start(WorkerLaunch launch, int workers, Path lockDir, KernelTarget target, CascadeConfig config,
                             StaticCheck check) {
        return new TestWorkers(LocalWorkerPool.start(launch, workers, 1000), BenchLane.at(lockDir.resolve("bench.lock")),
                target, config, check);
    }

    /** Another cascade on the same workers and lane (close it after use). */
    Cascade cascade(CascadeConfig otherConfig, StaticCheck check, JmhConfirmation jmhOrNull) {
        return Cascade.using(pool, lane, target, otherConfig, check, jmhOrNull);
    }

    EvaluationOutcome evaluate(String source) throws InterruptedException {
        return cascade.evaluate(source);
    }

    @Override
    public void close() {
        cascade.close();
        pool.close();
    }
}
