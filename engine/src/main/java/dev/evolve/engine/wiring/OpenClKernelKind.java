package dev.evolve.engine.wiring;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.opencl.OpenClRewrites;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.run.Workbench;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.opencl.OpenClBackend;
import dev.evolve.eval.opencl.OpenClEvaluator;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.opencl.OpenClTarget;
import java.util.List;

/**
 * OpenCL C kernels: the OpenCL evaluator on the configured device (worker processes, kernel times
 * from profiling events), re-timing through it, and the OpenCL rewrites (tiles, work per item,
 * knobs).
 */
final class OpenClKernelKind implements TargetKind<OpenClTarget> {

    @Override
    public Workbench forRun(OpenClTarget target, RunConfig config) {
        OpenClBackend backend = new OpenClBackend();
        OpenClEvaluator eval = backend.evaluator(target, backend.select(config.evaluation().device()), screening(config, target));
        return new Workbench(target, eval, new ScreenRetiming(eval), rewrites(target));
    }

    /**
     * @throws dev.evolve.eval.accel.NoDeviceException when the machine has no OpenCL device
     */
    @Override
    public VariantEvaluator forEval(OpenClTarget target, EvalOptions options) {
        options.refuseJmh("--jmh applies to Java targets; '" + target.name()
                + "' is timed with OpenCL profiling events");
        OpenClBackend backend = new OpenClBackend();
        return backend.evaluator(target, backend.select(options.device()),
                AcceleratorConfig.defaults().withWorkers(options.workers()).withTimingSize(target.timingSize()));
    }

    @Override
    public List<Rewrite> rewrites(OpenClTarget target) {
        return OpenClRewrites.forTarget(target.name());
    }

    /**
     * The OpenCL evaluator of a run: one warm-up launch, then 3 to 10 samples within about 0.5 s
     * (a naive seed at n = 1024 takes seconds per launch on a CPU device, so it gets 3), and
     * candidates over 4x slower than the champion cut short.
     */
    static AcceleratorConfig screening(RunConfig c, OpenClTarget target) {
        return AcceleratorConfig.defaults().withWorkers(c.evaluation().workers()).withHeapMiB(c.evaluation().workerHeapMb())
                .withTimingSize(target.timingSize())
                .withTimingPlan(new TimingPlan(1, 100, 400, 3, 10, 500, 3))
                .withSlowCutoff(4);
    }

    @Override public Class<OpenClTarget> type() { return OpenClTarget.class; }
}
