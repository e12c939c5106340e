package dev.evolve.kernels;

import java.util.Optional;

/**
 * One instance of a target's computation: inputs, an output buffer and the reference's answer.
 * Not thread-safe; one problem is driven by one thread.
 */
public interface Problem {

    /** The problem size (for matmul, the matrix order n). */
    int size();

    /** Overwrites the output buffer with noise, so that a variant must write every element. */
    void scrambleOutput();

    /**
     * Runs {@code kernel} (an instance of the target's kernel interface) on the inputs, writing
     * into the output buffer. Exceptions thrown by the kernel propagate unchanged.
     */
    void invoke(Object kernel);

    /** Compares the output buffer with the reference; the first element out of tolerance, if any. */
    Optional<Mismatch> verify();
}
