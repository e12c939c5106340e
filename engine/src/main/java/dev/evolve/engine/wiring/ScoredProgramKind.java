package dev.evolve.engine.wiring;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.text.TuneNumbers;
import dev.evolve.engine.run.Retiming;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.run.Workbench;
import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.VariantEvaluator;
import java.nio.file.Path;
import java.util.List;

/**
 * Programs in any language judged by an evaluator of the user's own (a command or a plug-in):
 * that evaluator, no re-timing (a score is not a noisy time), and numeric-literal tuning as the
 * rule-based rewrite.
 */
final class ScoredProgramKind implements TargetKind<ScoredTarget> {

    @Override
    public Workbench forRun(ScoredTarget target, RunConfig config) {
        Path jar = config.evaluation().evaluatorJar() == null ? null : Path.of(config.evaluation().evaluatorJar());
        return new Workbench(target, target.newEvaluator(config.evaluation().workers(), config.evaluation().workerHeapMb(), jar),
                Retiming.none(), rewrites(target));
    }

    @Override
    public VariantEvaluator forEval(ScoredTarget target, EvalOptions options) {
        options.refuseDevice(target);
        options.refuseJmh("--jmh times Java kernels; target '" + target.name()
                + "' is judged by its own evaluator");
        return target.newEvaluator(options.workers(), CascadeConfig.defaults().heapMiB(), options.evaluatorJar());
    }

    @Override
    public List<Rewrite> rewrites(ScoredTarget target) {
        return TuneNumbers.library();
    }

    @Override
    public Retiming retimingBy(ScoredTarget target, VariantEvaluator evaluator) {
        return Retiming.none();
    }

    @Override public Class<ScoredTarget> type() { return ScoredTarget.class; }
}
