package dev.evolve.eval.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A plug-in evaluator to run: the user's jar, the {@link ProgramEvaluator} class in it, the deadline
 * of one evaluation, and the worker JVMs that host it.
 *
 * @param candidatesPerWorker a worker is replaced after this many candidates
 */
public record PluginSpec(Path jar, String plugin, Duration timeout, int workers, int heapMiB, int candidatesPerWorker) {

    public PluginSpec {
        Objects.requireNonNull(jar, "jar");
        if (plugin == null || plugin.isBlank()) {
            throw new IllegalArgumentException("the plug-in's class name is required");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be > 0, was " + timeout);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, was " + workers);
        }
        if (heapMiB < 64) {
            throw new IllegalArgumentException("heapMiB must be >= 64, was " + heapMiB);
        }
        if (candidatesPerWorker < 1) {
            throw new IllegalArgumentException("candidatesPerWorker must be >= 1, was " + candidatesPerWorker);
        }
    }
}
