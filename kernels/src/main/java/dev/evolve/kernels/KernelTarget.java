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
public interface KernelTarget {

    /** Short unique name used on the command line, e.g. {@code matmul}. */
    String name();

    /** One line saying what is computed and how data is laid out. */
    String description();

    /** Simple name of the class a variant declares (the default package is used). */
    String className();

    /** The interface every variant implements; the only project type a variant may name. */
    Class<?> kernelInterface();

    /** The seed variant exactly as variants must extend it. */
    String seedSource();

    /** Sizes checked for correctness, small ones first; include sizes that are no multiple of a tile. */
    List<Integer> checkSizes();

    /** Size at which variants are timed. */
    int timingSize();

    /** How far a variant's output may be from the reference's. */
    Tolerance tolerance();

    /** Floating-point operations of one invocation at the given size. */
    double flops(int size);

    /**
     * Minimum bytes moved by one invocation at the given size: every input read once and every
     * output written once (0 when unknown). Divided by the time, it gives an effective bandwidth.
     */
    default double bytes(int size) {
        return 0;
    }

    /** Constructs beyond plain sequential Java that variants of this target may use. */
    Set<Construct> allowedConstructs();

    /**
     * A fresh problem instance: inputs drawn from {@code seed}, the output pre-filled with noise,
     * and the expected result computed by the trusted reference.
     */
    Problem newProblem(int size, long seed);
}
