package dev.evolve.engine.wiring;

import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.run.Workbench;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.nio.file.Path;

/**
 * Builds the {@link Workbench} of a target, or the evaluator of {@code evolve eval}, through the
 * target's {@link TargetKind}: Java kernels get the sandboxed cascade (static check, javac, worker
 * JVMs, JMH); Aparapi kernels the same cascade in workers that run them on an OpenCL device,
 * without JMH; OpenCL C kernels the OpenCL evaluator on the configured {@code device}; programs
 * judged by a custom evaluator get that evaluator, no re-timing, and numeric-literal tuning.
 */
public final class Workbenches {

    private Workbenches() {
    }

    /** The workbench of a run: a screening evaluator, re-timing (with JMH when {@code jmh} is on), rewrites. */
    public static Workbench forRun(Target target, RunConfig config) {
        return forRun(TargetKind.of(target), target, config);
    }

    /**
     * The workbench of a run whose variants are judged by {@code evaluator} (a plug-in or a
     * synthetic evaluator): re-timing evaluates again (a scored program is not re-timed), and
     * there is no JMH.
     */
    public static Workbench withEvaluator(Target target, VariantEvaluator evaluator) {
        return withEvaluator(TargetKind.of(target), target, evaluator);
    }

    /**
     * The evaluator {@code evolve eval} uses for one file: the full timing plan (not the run's
     * short screen), with JMH timing when {@code jmh}.
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh) {
        return forEval(target, workers, jmh, null);
    }

    /**
     * As {@link #forEval(Target, int, boolean)}, with the plug-in jar a target judged by a plug-in needs.
     *
     * @throws IllegalArgumentException when JMH is asked of a folder's kernel, or a plug-in target has no usable jar
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh, Path evaluatorJar) {
        return forEval(target, workers, jmh, evaluatorJar, null);
    }

    /**
     * As {@link #forEval(Target, int, boolean, Path)}, on the OpenCL device {@code device} names
     * (null: the default device) for OpenCL targets.
     *
     * @throws IllegalArgumentException for an option the target does not take, or a device that does not exist
     * @throws dev.evolve.eval.accel.NoDeviceException when the machine has no OpenCL device
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh, Path evaluatorJar,
                                           String device) {
        return forEval(TargetKind.of(target), target,
                new TargetKind.EvalOptions(workers, jmh, evaluatorJar, device));
    }

    // The kind's type parameter is captured here once, so each kind gets its own target type.

    private static <T extends Target> Workbench forRun(TargetKind<T> kind, Target target, RunConfig config) {
        return kind.forRun(kind.type().cast(target), config);
    }

    private static <T extends Target> Workbench withEvaluator(TargetKind<T> kind, Target target,
                                                              VariantEvaluator evaluator) {
        T t = kind.type().cast(target);
        return new Workbench(t, evaluator, kind.retimingBy(t, evaluator), kind.rewrites(t));
    }

    private static <T extends Target> VariantEvaluator forEval(TargetKind<T> kind, Target target,
                                                               TargetKind.EvalOptions options) {
        return kind.forEval(kind.type().cast(target), options);
    }
}
