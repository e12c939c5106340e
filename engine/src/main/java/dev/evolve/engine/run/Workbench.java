package dev.evolve.engine.run;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.util.List;

/**
 * What a run needs besides its loop, for one target: how variants are judged, how the champion
 * and the seed are timed again, and which rule-based rewrites apply. {@link dev.evolve.engine.wiring.Workbenches} builds
 * one per kind of target; closing it releases the evaluator's workers.
 *
 * @param rewrites the rule-based rewrites for this target's language (may be empty: then only a
 *                 language model proposes children)
 */
public record Workbench(Target target, VariantEvaluator evaluator, Retiming retiming, List<Rewrite> rewrites)
        implements AutoCloseable {

    public Workbench {
        rewrites = List.copyOf(rewrites);
    }

    @Override
    public void close() {
        evaluator.close();
    }
}
