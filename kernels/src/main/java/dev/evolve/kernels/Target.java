package dev.evolve.kernels;

import dev.evolve.kernels.roofline.Roofline;

/**
 * Anything the engine can evolve: a seed program with an evolve block, and what its figures mean.
 *
 * <p>{@link KernelTarget} is the Java kernel kind, judged by the sandboxed Java cascade. Other kinds
 * (OpenCL C kernels, user folders judged by their own evaluator) implement this interface with
 * their own evaluator; the loop, the database and the mutators see only this.
 */
public interface Target {

    /** Short unique name, e.g. {@code matmul}; for a folder target, the name its spec gives. */
    String name();

    /** One line saying what is computed. */
    String description();

    /**
     * Language of the variants, for mutators and prompts: {@code "java"}, {@code "opencl-c"}, or
     * what a custom target declares (e.g. {@code "python"}).
     */
    default String language() {
        return "java";
    }

    /** The seed variant exactly as variants must extend it. */
    String seedSource();

    /** File name a variant is written to, e.g. {@code Matmul.java} or {@code matmul.cl}. */
    String fileName();

    /** Size at which variants are timed (0 when the target has no size, e.g. a scored program). */
    int timingSize();

    /**
     * The same target timed at {@code timingSize}; each kind of target says how it is resized.
     *
     * @throws IllegalArgumentException when the target has no timing size to change
     */
    default Target withTimingSize(int timingSize) {
        throw new IllegalArgumentException("target '" + name() + "' has no timing size to change");
    }

    /** Floating-point operations of one invocation at the given size (0 when not meaningful). */
    double flops(int size);

    /**
     * Minimum bytes moved by one invocation at the given size: every input read once and every
     * output written once (0 when unknown). Divided by the time, it gives an effective bandwidth.
     */
    default double bytes(int size) {
        return 0;
    }

    /**
     * What bounds one call at the given size on a machine: the bytes it must move, the arithmetic it must
     * do, a library GEMM of the same size. The benchmarks divide it by the limits measured on the machine
     * to show each variant's share of the limit; {@link Roofline#none()} (the default) shows none.
     */
    default Roofline roofline(int size) {
        return Roofline.none();
    }

    /** Whether the target is limited by memory traffic rather than arithmetic, so GB/s is its headline figure. */
    default boolean bandwidthBound() {
        int n = timingSize();
        double b = bytes(n);
        return b > 0 && flops(n) / b < 1.0;       // under one FLOP per byte moved
    }
}
