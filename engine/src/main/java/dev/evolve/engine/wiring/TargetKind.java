package dev.evolve.engine.wiring;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.run.Retiming;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.run.Workbench;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.util.List;

/**
 * One kind of target and everything the engine wires differently for it: the evaluator of a run
 * and of {@code evolve eval}, the re-timing, and the rule-based rewrites. Adding a kind of target
 * is one class here (and a line in {@link #ALL}); {@link Workbenches} only looks the kind up.
 *
 * <pre>{@code
 * TargetKind<?> kind = TargetKind.of(TargetCatalog.resolve("matmul-opencl", null));   // OpenClKernelKind
 * }</pre>
 *
 * @param <T> the targets of this kind
 */
public sealed interface TargetKind<T extends Target>
        permits JavaKernelKind, AparapiKernelKind, OpenClKernelKind, ScoredProgramKind {

    /** Every kind, in the order {@link #of} tries them. */
    List<TargetKind<?>> ALL = List.of(new JavaKernelKind(), new AparapiKernelKind(), new OpenClKernelKind(),
            new ScoredProgramKind());

    /** The targets of this kind. */
    Class<T> type();

    /** The workbench of a run on {@code target}: its screening evaluator, re-timing and rewrites. */
    Workbench forRun(T target, RunConfig config);

    /**
     * The evaluator {@code evolve eval} uses for one file: the full timing plan (not the run's screen).
     *
     * @throws IllegalArgumentException for an option this kind does not take
     */
    VariantEvaluator forEval(T target, EvalOptions options);

    /** The rule-based rewrites for this kind's variants (may be empty: then only a model proposes). */
    List<Rewrite> rewrites(T target);

    /** Re-timing of a run whose variants are judged by {@code evaluator} (a plug-in or synthetic one). */
    default Retiming retimingBy(T target, VariantEvaluator evaluator) {
        return Retiming.byReevaluation(evaluator, target.seedSource());
    }

    /**
     * The kind {@code target} is of.
     *
     * @throws IllegalArgumentException when no kind takes it
     */
    static TargetKind<?> of(Target target) {
        return ALL.stream().filter(k -> k.type().isInstance(target)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no evaluator is available for target '"
                        + target.name() + "' (language " + target.language() + ")"));
    }

    /**
     * The options of {@code evolve eval}.
     *
     * @param workers      worker processes
     * @param jmh          time with JMH (Java kernels only)
     * @param evaluatorJar the plug-in jar of a target judged by a plug-in; null otherwise
     * @param device       the OpenCL device (OpenCL C kernels only); null: the default device
     */
    record EvalOptions(int workers, boolean jmh, java.nio.file.Path evaluatorJar, String device) {

        public EvalOptions {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, was " + workers);
            }
        }

        /** The error for {@code --device} given for a target that does not run on an OpenCL device. */
        void refuseDevice(Target target) {
            if (device != null) {
                throw new IllegalArgumentException("--device applies to OpenCL targets; '" + target.name() + "' is "
                        + target.language());
            }
        }

        /** Refuses {@code --jmh} for a target that JMH cannot time, with {@code refusal} as the error. */
        void refuseJmh(String refusal) {
            if (jmh) {
                throw new IllegalArgumentException(refusal);
            }
        }
    }
}
