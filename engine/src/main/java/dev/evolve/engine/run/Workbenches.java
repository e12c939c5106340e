package dev.evolve.engine.run;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.mutate.opencl.OpenClRewrites;
import dev.evolve.engine.mutate.text.TuneNumbers;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.aparapi.AparapiEvaluator;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.opencl.OpenClBackend;
import dev.evolve.eval.opencl.OpenClEvaluator;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.aparapi.AparapiTarget;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import dev.evolve.kernels.opencl.OpenClTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link Workbench} of a target from a run's configuration: one case per kind of
 * target. Java kernels get the sandboxed cascade (static check, javac, worker JVMs, JMH); Aparapi
 * kernels the same cascade in workers that run them on an OpenCL device, without JMH; programs
 * judged by a custom evaluator get that evaluator, no re-timing, and numeric-literal tuning as their
 * rule-based rewrite; OpenCL C kernels the OpenCL evaluator on the configured {@code device} (worker
 * processes, kernel times from profiling events), re-timing through it, and the OpenCL rewrites.
 */
public final class Workbenches {

    private Workbenches() {
    }

    /** The workbench of a run: a screening cascade, re-timing with JMH when {@code jmh} is on. */
    public static Workbench forRun(Target target, RunConfig config) {
        return switch (target) {
            case KernelTarget k -> {
                Cascade cascade = Cascade.create(k, config.evaluation().screening(), new JavaParserStaticCheck(), null);
                yield new Workbench(k, cascade,
                        new CascadeRetiming(cascade, k, config.evaluation().jmh() && jmhFinds(k) ? new ForkedJmhConfirmation() : null),
                        RewriteLibrary.forTarget(k));
            }
            case ScoredTarget s -> new Workbench(s, s.newEvaluator(config.evaluation().workers(), config.evaluation().workerHeapMb(),
                    jar(config.evaluation().evaluatorJar())), Retiming.none(), TuneNumbers.library());
            case AparapiTarget a -> {
                AparapiEvaluator evaluator = AparapiEvaluator.create(a,
                        AparapiEvaluator.forOpenCL(config.evaluation().screening()));
                yield new Workbench(a, evaluator, new ScreenRetiming(evaluator), aparapiRewrites());
            }
            case OpenClTarget o -> {
                OpenClBackend backend = new OpenClBackend();
                OpenClEvaluator eval = backend.evaluator(o, backend.select(config.evaluation().device()), openClScreening(config, o));
                yield new Workbench(o, eval, new ScreenRetiming(eval), OpenClRewrites.forTarget(o.name()));
            }
            default -> throw unsupported(target);
        };
    }

    /**
     * The OpenCL evaluator of a run: one warm-up launch, then 3 to 10 samples within about 0.5 s
     * (a naive seed at n = 1024 takes seconds per launch on a CPU device, so it gets 3), and
     * candidates over 4x slower than the champion cut short.
     */
    static AcceleratorConfig openClScreening(RunConfig c, OpenClTarget target) {
        return AcceleratorConfig.defaults().withWorkers(c.evaluation().workers()).withHeapMiB(c.evaluation().workerHeapMb())
                .withTimingSize(target.timingSize())
                .withTimingPlan(new TimingPlan(1, 100, 400, 3, 10, 500, 3))
                .withSlowCutoff(4);
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
                        : target instanceof AparapiTarget ? aparapiRewrites()
                        : target instanceof OpenClTarget o ? OpenClRewrites.forTarget(o.name()) : java.util.List.of());
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
        return forEval(target, workers, jmh, evaluatorJar, null);
    }

    /**
     * As {@link #forEval(Target, int, boolean, Path)}, on the OpenCL device {@code device} names
     * (null: the default device) for OpenCL targets.
     *
     * @throws IllegalArgumentException for an option the target does not take, or a device that does not exist
     * @throws dev.evolve.eval.accel.NoDeviceException when the machine has no OpenCL device
     */
    public static VariantEvaluator forEval(Target target, int workers, boolean jmh, Path evaluatorJar,
                                           String device) {
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

    private static IllegalArgumentException unsupported(Target target) {
        return new IllegalArgumentException("no evaluator is available for target '" + target.name()
                + "' (language " + target.language() + ")");
    }
}
