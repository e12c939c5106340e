package dev.evolve.engine.wiring;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.run.Workbench;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.aparapi.AparapiEvaluator;
import dev.evolve.kernels.aparapi.AparapiTarget;
import java.util.List;
import java.util.Set;

/**
 * Java kernels Aparapi translates to OpenCL: the Java cascade in workers that run them on an
 * OpenCL device, re-timing through those workers, no JMH, and the rewrites that keep a kernel
 * inside the Java subset Aparapi translates.
 */
final class AparapiKernelKind implements TargetKind<AparapiTarget> {

    @Override
    public Workbench forRun(AparapiTarget target, RunConfig config) {
        AparapiEvaluator evaluator = AparapiEvaluator.create(target,
                AparapiEvaluator.forOpenCL(config.evaluation().screening()));
        return new Workbench(target, evaluator, new ScreenRetiming(evaluator), rewrites(target));
    }

    @Override
    public VariantEvaluator forEval(AparapiTarget target, EvalOptions options) {
        options.refuseDevice(target);
        options.refuseJmh("--jmh is not available for target '" + target.name()
                + "': JMH times Java code in a forked JVM, and an Aparapi kernel runs on an OpenCL device");
        return AparapiEvaluator.create(target, AparapiEvaluator.defaults().withWorkers(options.workers()));
    }

    /**
     * Splitting a scalar accumulation into several (independent sums a work-item can overlap),
     * unrolling a loop that accumulates into an array element, and moving a {@code static final int}
     * (the work-group size {@code LOCAL}) along its ladder. On the matmul-aparapi seed the first and
     * the last apply; the other rewrites bring parallel streams, the Vector API or new arrays,
     * which Aparapi cannot translate, or loop nests a one-element kernel does not have.
     */
    @Override
    public List<Rewrite> rewrites(AparapiTarget target) {
        Set<String> keep = Set.of("split-accumulators", "unroll", "tune-constant");
        return RewriteLibrary.all().stream().filter(r -> keep.contains(r.name())).toList();
    }

    @Override public Class<AparapiTarget> type() { return AparapiTarget.class; }
}
