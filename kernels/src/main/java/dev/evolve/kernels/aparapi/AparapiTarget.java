package dev.evolve.kernels.aparapi;

import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Tolerance;
import java.util.List;

/**
 * A Java kernel evolved and run on an OpenCL device through Aparapi.
 *
 * <p>A variant is a Java source file declaring {@link #className()}, a subclass of
 * {@code com.aparapi.Kernel} that also implements {@link #kernelInterface()}, the host-side call
 * the reference problems make. The seed keeps that call outside the evolve block: it binds the
 * arrays to fields and calls {@code execute(range(n))}; inside the block are {@code run()} (what
 * each work-item computes), the launch ({@code Range range(int n)}) and its tunable constants.
 * The evaluator accepts a result only when the kernel really ran on an OpenCL device; Aparapi's
 * fallback to the Java thread pool is an outcome of its own, never a timing.
 */
public interface AparapiTarget extends Target {

    /** Simple name of the class a variant declares (the default package is used). */
    String className();

    @Override
    default String fileName() {
        return className() + ".java";
    }

    /** The host-side interface every variant implements next to extending {@code com.aparapi.Kernel}. */
    Class<?> kernelInterface();

    /** Sizes checked for correctness, small ones first; they include sizes that are no multiple of a local size. */
    List<Integer> checkSizes();

    /** How far a variant's output may be from the reference's. */
    Tolerance tolerance();

    /**
     * A fresh problem instance: inputs drawn from {@code seed}, the output pre-filled with noise,
     * the expected result computed by the trusted reference. {@link Problem#invoke} calls the
     * {@link #kernelInterface()} method, which runs the kernel through Aparapi.
     */
    Problem newProblem(int size, long seed);

    /** The same target timed at {@code timingSize}. */
    @Override
    default AparapiTarget withTimingSize(int timingSize) {
        AparapiTarget base = this instanceof ResizedAparapiTarget r ? r.base() : this;
        return timingSize == base.timingSize() ? base : new ResizedAparapiTarget(base, timingSize);
    }

    /** The target a {@link #withTimingSize} result was made from (the target itself otherwise). */
    default AparapiTarget base() {
        return this;
    }
}
