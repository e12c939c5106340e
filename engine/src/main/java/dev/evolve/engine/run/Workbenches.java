package dev.evolve.engine.run;

import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;

/**
 * Builds the {@link Workbench} of a target from a run's configuration: one case per kind of
 * target. Java kernels get the sandboxed cascade (static check, javac, worker JVMs, JMH).
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
            default -> throw unsupported(target);
        };
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
        return switch (target) {
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
