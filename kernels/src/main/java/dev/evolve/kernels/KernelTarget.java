package dev.evolve.kernels;

import java.util.List;
import java.util.Set;

/**
 * A kernel the engine can optimize.
 *
 * <p>A variant is a Java source file declaring {@link #className()} that implements
 * {@link #kernelInterface()}. Only the text between {@link EvolveBlock#START} and
 * {@link EvolveBlock#END} may differ from {@link #seedSource()}.
 *
 * <pre>{@code
 * KernelTarget target = Targets.require("matmul");
 * Problem p = target.newProblem(17, 42L);
 * p.invoke(kernel);
 * Optional<Mismatch> wrong = p.verify();
 * }</pre>
 */
public interface KernelTarget extends Target {

    /** Simple name of the class a variant declares (the default package is used). */
    String className();

    /** The same kernel timed at {@code timingSize}; see {@link Targets#withTimingSize}. */
    @Override
    default KernelTarget withTimingSize(int timingSize) {
        return Targets.withTimingSize(this, timingSize);
    }

    @Override
    default String fileName() {
        return className() + ".java";
    }

    /** The interface every variant implements; the only project type a variant may name. */
    Class<?> kernelInterface();

    /** Sizes checked for correctness, small ones first; include sizes that are no multiple of a tile. */
    List<Integer> checkSizes();

    /** How far a variant's output may be from the reference's. */
    Tolerance tolerance();

    /** Constructs beyond plain sequential Java that variants of this target may use. */
    Set<Construct> allowedConstructs();

    /**
     * A fresh problem instance: inputs drawn from {@code seed}, the output pre-filled with noise,
     * and the expected result computed by the trusted reference.
     */
    Problem newProblem(int size, long seed);
}
