package dev.evolve.engine.run;

import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.mutate.text.TuneNumbers;
import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.nio.file.Path;

/**
 * Builds the {@link Workbench} of a target from a run's configuration: one case per kind of
 * target. Java kernels get the sandboxed cascade (static check, javac, worker JVMs, JMH); programs
 * judged by a custom evaluator get that evaluator, no re-timing, and numeric-literal tuning as their
 * rule-based rewrite.
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
                        new CascadeRetiming(cascade, k, config.jmh() && jmhFinds(k) ? new ForkedJmhConfirmation() : null),
                        RewriteLibrary.forTarget(k));
            }
            case ScoredTarget s -> new Workbench(s, s.newEvaluator(config.workers(), config.workerHeapMb(),
                    jar(config.evaluatorJar())), Retiming.none(), TuneNumbers.library());
            default -> throw unsupported(target);
        };
    }

    /**
     * Whether the JMH harness can rebuild the target by name in its fork: built-in targets only (a
     * folder's kernel is confirmed by its screening timings).
     */
    static boolean jmhFinds(KernelTarget target) {
        return !(Targets.base(target) instanceof ArrayKernelTarget);
    }

    private static Path jar(String path) {
        return path == null ? null : Path.of(path);
    }

    /**
     * The workbench of a run whose variants are judged by {@code evaluator} (a plug-in or a
     * synthetic evaluator): re-timing evaluates again, and there is no JMH.
     */
    public static Workbench withEvaluator(Target target, VariantEvaluator evaluator) {
        if (target instanceof ScoredTarget) {
            return new Workbench(target, evaluator, Retiming.none(), TuneNumbers.library());
        }
        return new Workbench(target, evaluator, Retiming.byReevaluation(evaluator, target.seedSource()),
                target instanceof KernelTarget k ? RewriteLibrary.forTarget(k) : java.util.List.of());
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
        return switch (target) {
            case KernelTarget k -> {
                if (jmh && !jmhFinds(k)) {
                    throw new IllegalArgumentException("--jmh is not available for a folder's kernel ('" + k.name()
                            + "'): the JMH harness finds built-in targets only");
                }
                yield Cascade.create(k, CascadeConfig.defaults().withWorkers(workers).withJmh(jmh, jmh),
                        new JavaParserStaticCheck(), jmh ? new ForkedJmhConfirmation() : null);
            }
            case ScoredTarget s -> {
                if (jmh) {
                    throw new IllegalArgumentException("--jmh times Java kernels; target '" + s.name()
                            + "' is judged by its own evaluator");
                }
                yield s.newEvaluator(workers, CascadeConfig.defaults().heapMiB(), evaluatorJar);
            }
            default -> throw unsupported(target);
        };
    }

    private static IllegalArgumentException unsupported(Target target) {
        return new IllegalArgumentException("no evaluator is available for target '" + target.name()
                + "' (language " + target.language() + ")");
    }
}
