package dev.evolve.engine.wiring;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.run.Workbench;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.util.List;

/**
 * Java kernels (built in, or a folder's array kernel): the sandboxed cascade (static check, javac,
 * worker JVMs), JMH confirmation of a new champion when the run asks for it, and the AST rewrites
 * of the target's library.
 */
final class JavaKernelKind implements TargetKind<KernelTarget> {

    @Override
    public Workbench forRun(KernelTarget target, RunConfig config) {
        Cascade cascade = Cascade.create(target, config.evaluation().screening(), new JavaParserStaticCheck(), null);
        return new Workbench(target, cascade,
                new CascadeRetiming(cascade, target,
                        config.evaluation().jmh() && jmhFinds(target) ? new ForkedJmhConfirmation() : null),
                rewrites(target));
    }

    @Override
    public VariantEvaluator forEval(KernelTarget target, EvalOptions options) {
        options.refuseDevice(target);
        boolean jmh = options.jmh();
        if (jmh && !jmhFinds(target)) {
            throw new IllegalArgumentException("--jmh is not available for a folder's kernel ('" + target.name()
                    + "'): the JMH harness finds built-in targets only");
        }
        return Cascade.create(target, CascadeConfig.defaults().withWorkers(options.workers()).withJmh(jmh, jmh),
                new JavaParserStaticCheck(), jmh ? new ForkedJmhConfirmation() : null);
    }

    @Override
    public List<Rewrite> rewrites(KernelTarget target) {
        return RewriteLibrary.forTarget(target);
    }


    /**
     * Whether the JMH harness can rebuild the target by name in its fork: built-in targets only (a
     * folder's kernel is confirmed by its screening timings).
     */
    static boolean jmhFinds(KernelTarget target) {
        return !(Targets.base(target) instanceof ArrayKernelTarget);
    }

    @Override public Class<KernelTarget> type() { return KernelTarget.class; }
}
