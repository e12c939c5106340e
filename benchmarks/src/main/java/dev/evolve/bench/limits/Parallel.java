package dev.evolve.bench.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntToDoubleFunction;

/**
 * Runs one part of a measurement on each of {@code threads} platform threads at once and times the whole:
 * from handing out the parts until the last one ends. Results are summed into a sink so that the JIT cannot
 * drop the work.
 */
final class Parallel implements AutoCloseable {

    private final int threads;
    private final ExecutorService pool;
    private volatile double sink;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "limits-probe");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Seconds for all parts to run once, part {@code i} of {@code threads} computed by {@code part}. */
    double seconds(IntToDoubleFunction part) {
        return run(part).seconds();
    }

    /** How long all parts took together, and the sum of what they returned. */
    record Timed(double seconds, double sum) {
    }

    /** Runs every part once: the time until the last one ends, and the sum of their results. */
    Timed run(IntToDoubleFunction part) {
        List<Future<Double>> futures = new ArrayList<>(threads);
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            int index = i;
            futures.add(pool.submit(() -> part.applyAsDouble(index)));
        }
        double sum = 0;
        for (Future<Double> f : futures) {
            try {
                sum += f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a measuring thread failed: " + e.getCause(), e.getCause());
            }
        }
        long end = System.nanoTime();
        sink += sum;
        return new Timed((end - start) / 1e9, sum);
    }

    /** The smallest of {@code reps} timings of {@link #seconds}. */
    double bestSeconds(int reps, IntToDoubleFunction part) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < reps; r++) {
            best = Math.min(best, seconds(part));
        }
        return best;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
