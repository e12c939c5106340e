package dev.evolve.eval.worker;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.custom.ArrayKernelSpec;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.util.List;
import java.util.Objects;

/**
 * One request to a worker. A candidate is handled in three requests on the same worker:
 * {@link Stage#COMPILE} (compiles and keeps the class bytes; runs no candidate code),
 * {@link Stage#CHECK} (loads the class in a fresh loader, instantiates it and checks it at
 * {@code sizes}), {@link Stage#TIME} (times the loaded instance at {@code sizes.get(0)}, every call
 * on fresh inputs) and {@link Stage#OUTPUTS} (copies of the outputs of the timed samples the engine
 * picked after the timing, which it verifies itself). {@link Stage#REFERENCE} asks a worker that
 * runs no candidates for a custom kernel's expected output.
 * A program judged by a plug-in evaluator is one {@link Stage#SCORE} request.
 * Plain data, so that a worker may run anywhere.
 *
 * @param targetName   registry name of the target ({@link dev.evolve.kernels.Targets})
 * @param targetClass  the target's implementation class, instantiated with its no-arg constructor
 *                     when the registry does not know the target
 * @param returnClasses whether a COMPILE reply carries the class bytes (for JMH confirmation)
 * @param seed         base seed for the problem inputs; each problem derives its own from it
 * @param cutoffNs     TIME only: stop early once runs take longer than this (0: never)
 * @param arrayKernel  COMPILE of a custom array kernel: its spec, from which the worker builds the
 *                     target (compiling its trusted reference); null for other targets
 * @param score        SCORE only: which plug-in judges {@code source}, and how the program is written
 * @param samples      OUTPUTS only: indices of the timed samples whose outputs are wanted
 */
public record WorkerRequest(Stage stage, String targetName, String targetClass, String className, String source,
                            boolean returnClasses, List<Integer> sizes, long seed, TimingPlan plan, long cutoffNs,
                            ArrayKernelSpec arrayKernel, ScoreTask score, List<Integer> samples) {

    /** What the worker is asked to do. */
    public enum Stage { COMPILE, CHECK, TIME, OUTPUTS, REFERENCE, SCORE }

    /**
     * A program for a plug-in evaluator: the plug-in's class (a {@code ProgramEvaluator} the worker
     * finds through {@link java.util.ServiceLoader}), the program's language and the plain file name
     * it is written to.
     */
    public record ScoreTask(String plugin, String language, String fileName) {
        public ScoreTask {
            requireText(plugin, "plugin");
            requireText(language, "language");
            requireText(fileName, "fileName");
            if (fileName.contains("/") || fileName.contains("\\") || fileName.equals(".") || fileName.equals("..")) {
                throw new IllegalArgumentException("fileName must be a plain file name: " + fileName);
            }
        }
    }

    /** A request without the custom-target fields (every built-in stage). */
    public WorkerRequest(Stage stage, String targetName, String targetClass, String className, String source,
                         boolean returnClasses, List<Integer> sizes, long seed, TimingPlan plan, long cutoffNs) {
        this(stage, targetName, targetClass, className, source, returnClasses, sizes, seed, plan, cutoffNs, null, null);
    }

    /** A request without sample indices (every stage but OUTPUTS). */
    public WorkerRequest(Stage stage, String targetName, String targetClass, String className, String source,
                         boolean returnClasses, List<Integer> sizes, long seed, TimingPlan plan, long cutoffNs,
                         ArrayKernelSpec arrayKernel, ScoreTask score) {
        this(stage, targetName, targetClass, className, source, returnClasses, sizes, seed, plan, cutoffNs,
                arrayKernel, score, null);
    }

    public WorkerRequest {
        Objects.requireNonNull(stage, "stage");
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        samples = samples == null ? List.of() : List.copyOf(samples);
        switch (stage) {
            case COMPILE -> {
                requireText(targetName, "targetName");
                requireText(className, "className");
                Objects.requireNonNull(source, "source");
            }
            case CHECK -> {
                if (sizes.isEmpty()) {
                    throw new IllegalArgumentException("a check needs at least one size");
                }
            }
            case TIME -> {
                if (sizes.size() != 1) {
                    throw new IllegalArgumentException("timing takes exactly one size: " + sizes);
                }
                Objects.requireNonNull(plan, "plan");
            }
            case OUTPUTS -> {
                if (samples.isEmpty() || samples.stream().anyMatch(i -> i == null || i < 0)) {
                    throw new IllegalArgumentException("outputs of which samples (indices >= 0): " + samples);
                }
            }
            case REFERENCE -> {
                Objects.requireNonNull(arrayKernel, "arrayKernel");
                if (sizes.size() != 1) {
                    throw new IllegalArgumentException("a reference output takes exactly one size: " + sizes);
                }
            }
            case SCORE -> {
                Objects.requireNonNull(score, "score");
                Objects.requireNonNull(source, "source");
            }
        }
        if (sizes.stream().anyMatch(n -> n == null || n < 1)) {
            throw new IllegalArgumentException("sizes must be >= 1: " + sizes);
        }
        if (cutoffNs < 0) {
            throw new IllegalArgumentException("cutoffNs must be >= 0: " + cutoffNs);
        }
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
    }

    /** Compile {@code source} as a variant of {@code target}. */
    public static WorkerRequest compile(KernelTarget target, String source, boolean returnClasses) {
        ArrayKernelSpec custom = Targets.base(target) instanceof ArrayKernelTarget a ? a.spec() : null;
        return new WorkerRequest(Stage.COMPILE, target.name(),
                Targets.base(target).getClass().getName(), target.className(),
                source, returnClasses, List.of(), 0L, null, 0L, custom, null);
    }

    /** Have the plug-in of {@code task} judge {@code source}. */
    public static WorkerRequest score(ScoreTask task, String source) {
        return new WorkerRequest(Stage.SCORE, null, null, null, source, false, List.of(), 0L, null, 0L, null, task);
    }

    /** Load and check the last compiled candidate at each size, with fresh inputs drawn from {@code seed}. */
    public static WorkerRequest check(List<Integer> sizes, long seed) {
        return new WorkerRequest(Stage.CHECK, null, null, null, null, false, sizes, seed, null, 0L);
    }

    /** Copies of the outputs of the timed samples {@code samples} of the last timing. */
    public static WorkerRequest outputs(List<Integer> samples) {
        return new WorkerRequest(Stage.OUTPUTS, null, null, null, null, false, List.of(), 0L, null, 0L, null, null,
                samples);
    }

    /** The expected output of the custom kernel {@code spec} (its trusted reference run) at {@code size} on {@code seed}. */
    public static WorkerRequest reference(ArrayKernelSpec spec, int size, long seed) {
        return new WorkerRequest(Stage.REFERENCE, null, null, null, null, false, List.of(size), seed, null, 0L, spec,
                null);
    }

    /** Time the loaded candidate at {@code size}. */
    public static WorkerRequest time(int size, long seed, TimingPlan plan, long cutoffNs) {
        return new WorkerRequest(Stage.TIME, null, null, null, null, false, List.of(size), seed, plan, cutoffNs);
    }
}
