package dev.evolve.engine.run;

import dev.evolve.engine.mutate.ast.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.mutate.text.TuneNumbers;
import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.aparapi.AparapiEvaluator;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.aparapi.AparapiTarget;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Workbench} of a target from a run's configuration: one case per kind of
 * target. Java kernels get the sandboxed cascade (static check, javac, worker JVMs, JMH); Aparapi
 * kernels the same cascade in workers that run them on an OpenCL device, without JMH; programs
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
            case AparapiTarget a -> {
                AparapiEvaluator evaluator = AparapiEvaluator.create(a,
                        AparapiEvaluator.forOpenCL(RunSession.screening(config)));
                yield new Workbench(a, evaluator, aparapiRetiming(evaluator), aparapiRewrites());
            }
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
                target instanceof KernelTarget k ? RewriteLibrary.forTarget(k)
                        : target instanceof AparapiTarget ? aparapiRewrites() : java.util.List.of());
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
            case AparapiTarget a -> {
                if (jmh) {
                    throw new IllegalArgumentException("--jmh is not available for target '" + a.name()
                            + "': JMH times Java code in a forked JVM, and an Aparapi kernel runs on an OpenCL device");
                }
                yield AparapiEvaluator.create(a, AparapiEvaluator.defaults().withWorkers(workers));
            }
            default -> throw unsupported(target);
        };
    }

    /**
     * The rule-based rewrites that keep a kernel inside the Java subset Aparapi translates:
     * splitting a scalar accumulation into several (independent sums a work-item can overlap),
     * unrolling a loop that accumulates into an array element, and moving a {@code static final int}
     * (the work-group size {@code LOCAL}) along its ladder. On the matmul-aparapi seed the first and
     * the last apply; the other rewrites bring parallel streams, the Vector API or new arrays,
     * which Aparapi cannot translate, or loop nests a one-element kernel does not have.
     */
    static List<Rewrite> aparapiRewrites() {
        Set<String> keep = Set.of("split-accumulators", "unroll", "tune-constant");
        return RewriteLibrary.all().stream().filter(r -> keep.contains(r.name())).toList();
    }

    /** Re-timing through the Aparapi evaluator's workers; no JMH confirmation. */
    private static Retiming aparapiRetiming(AparapiEvaluator evaluator) {
        return new Retiming() {
            @Override
            public Timing retimeSeed() throws InterruptedException {
                return evaluator.retimeSeed();
            }

            @Override
            public void newChampion(Timing timing) {
                evaluator.screenAgainst(timing);
            }

            @Override
            public EvaluationOutcome time(String source) throws InterruptedException {
                return evaluator.time(source);
            }

            @Override
            public Confirmed confirm(String source) {
                return null;
            }
        };
    }

    private static IllegalArgumentException unsupported(Target target) {
        return new IllegalArgumentException("no evaluator is available for target '" + target.name()
                + "' (language " + target.language() + ")");
    }
}
