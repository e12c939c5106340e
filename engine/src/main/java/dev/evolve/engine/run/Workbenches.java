package dev.evolve.engine.run;

import dev.evolve.engine.mutate.ast.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
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
import dev.evolve.kernels.aparapi.AparapiTarget;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Workbench} of a target from a run's configuration: one case per kind of
 * target. Java kernels get the sandboxed cascade (static check, javac, worker JVMs, JMH); Aparapi
 * kernels the same cascade in workers that run them on an OpenCL device, without JMH.
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
                        RewriteLibrary.forTarget(k));
            }
            case AparapiTarget a -> {
                AparapiEvaluator evaluator = AparapiEvaluator.create(a,
                        AparapiEvaluator.forOpenCL(RunSession.screening(config)));
                yield new Workbench(a, evaluator, aparapiRetiming(evaluator), aparapiRewrites());
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
                target instanceof KernelTarget k ? RewriteLibrary.forTarget(k)
                        : target instanceof AparapiTarget ? aparapiRewrites() : java.util.List.of());
    }

    /**
     * The evaluator {@code evolve eval} uses for one file: the full timing plan (not the run's
     * short screen), with JMH timing when {@code jmh}.
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh) {
        return switch (target) {
            case KernelTarget k -> Cascade.create(k, CascadeConfig.defaults().withWorkers(workers).withJmh(jmh, jmh),
                    new JavaParserStaticCheck(), jmh ? new ForkedJmhConfirmation() : null);
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
