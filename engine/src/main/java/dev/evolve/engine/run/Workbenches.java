package dev.evolve.engine.run;

import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.mutate.opencl.OpenClRewrites;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.opencl.OpenClBackend;
import dev.evolve.eval.opencl.OpenClEvaluator;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.opencl.OpenClTarget;

/**
 * Builds the {@link Workbench} of a target from a run's configuration: one case per kind of
 * target. Java kernels get the sandboxed cascade (static check, javac, worker JVMs, JMH); OpenCL C
 * kernels the OpenCL evaluator on the configured {@code device} (worker processes, profiling events).
 */
public final class Workbenches {

    private Workbenches() {
    }

    /** The workbench of a run: a screening cascade, re-timing with JMH when {@code jmh} is on. */
    public static Workbench forRun(Target target, RunConfig config) {
        return switch (target) {
            case KernelTarget k -> {
                Cascade cascade = Cascade.create(k, RunSession.screening(config), new JavaParserStaticCheck(), null);
                yield new Workbench(k, cascade,
                        new CascadeRetiming(cascade, k, config.jmh() ? new ForkedJmhConfirmation() : null),
                        RewriteLibrary.forMatmul());
            }
            case OpenClTarget o -> {
                OpenClBackend backend = new OpenClBackend();
                OpenClEvaluator eval = backend.evaluator(o, backend.select(config.device()), acceleratorScreening(config, o));
                yield new Workbench(o, eval, new AcceleratorRetiming(eval), OpenClRewrites.forTarget(o.name()));
            }
            default -> throw unsupported(target);
        };
    }

    /**
     * The OpenCL evaluator of a run: one warm-up launch, then 3 to 10 samples within about 0.5 s
     * (a naive seed at n = 1024 takes seconds per launch on a CPU device, so it gets 3), and
     * candidates over 4x slower than the champion cut short.
     */
    static AcceleratorConfig acceleratorScreening(RunConfig c, OpenClTarget target) {
        return AcceleratorConfig.defaults().withWorkers(c.workers()).withHeapMiB(c.workerHeapMb())
                .withTimingSize(target.timingSize())
                .withTimingPlan(new TimingPlan(1, 100, 400, 3, 10, 500, 3))
                .withSlowCutoff(4);
    }

    /**
     * The workbench of a run whose variants are judged by {@code evaluator} (a plug-in or a
     * synthetic evaluator): re-timing evaluates again, and there is no JMH.
     */
    public static Workbench withEvaluator(Target target, VariantEvaluator evaluator) {
        return new Workbench(target, evaluator, Retiming.byReevaluation(evaluator, target.seedSource()),
                target instanceof KernelTarget ? RewriteLibrary.forMatmul() : java.util.List.of());
    }

    /**
     * The evaluator {@code evolve eval} uses for one file: the full timing plan (not the run's
     * short screen), with JMH timing when {@code jmh}.
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh) {
        return forEval(target, workers, jmh, null);
    }

    /**
     * As {@link #forEval(Target, int, boolean)}, on the accelerator {@code device} names (null: the
     * default device) for targets that run on one.
     *
     * @throws IllegalArgumentException for an option the target does not take, or a device that does not exist
     * @throws dev.evolve.eval.accel.NoDeviceException when the machine has no device for the target
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh, String device) {
        if (device != null && !(target instanceof OpenClTarget)) {
            throw new IllegalArgumentException("--device applies to OpenCL targets; '" + target.name() + "' is "
                    + target.language());
        }
        return switch (target) {
            case OpenClTarget o -> {
                if (jmh) {
                    throw new IllegalArgumentException("--jmh applies to Java targets; '" + o.name()
                            + "' is timed with OpenCL profiling events");
                }
                OpenClBackend backend = new OpenClBackend();
                yield backend.evaluator(o, backend.select(device),
                        AcceleratorConfig.defaults().withWorkers(workers).withTimingSize(o.timingSize()));
            }
            case KernelTarget k -> Cascade.create(k, CascadeConfig.defaults().withWorkers(workers).withJmh(jmh, jmh),
                    new JavaParserStaticCheck(), jmh ? new ForkedJmhConfirmation() : null);
            default -> throw unsupported(target);
        };
    }

    private static IllegalArgumentException unsupported(Target target) {
        return new IllegalArgumentException("no evaluator is available for target '" + target.name()
                + "' (language " + target.language() + ")");
    }
}
