package dev.evolve.eval.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Times worker starts (process start to the worker's ready greeting, javac warm), one at a time,
 * for benchmarks that compare launches (with and without the OS sandbox, for example).
 */
public final class WorkerStartTiming {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private WorkerStartTiming() {
    }

    /**
     * Starts one worker of {@code launch} (with its AOT cache when the launch uses one and it is
     * trained), waits until it is ready, stops it, and returns the time to ready.
     */
    public static Duration startOnce(WorkerLaunch launch) throws IOException, InterruptedException {
        Optional<AotCache> aot = launch.useAotCache() ? AotCache.forLaunch(launch) : Optional.empty();
        if (aot.isPresent() && !aot.get().exists()) {
            aot.get().train(launch);
        }
        List<String> options = aot.map(AotCache::useOptions).orElse(List.of());
        long start = System.nanoTime();
        WorkerProcess w = WorkerProcess.start(launch, options, READY_TIMEOUT);
        Duration ready = Duration.ofNanos(System.nanoTime() - start);
        w.stopGracefully(Duration.ofSeconds(10));
        return ready;
    }
}
