package dev.evolve.kernels;

import java.util.List;
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

    /**
     * Compares the output buffer with the reference; the first element out of tolerance, if any.
     * A problem whose reference is costly (matmul) may compute it here on first use, from the inputs
     * as they were drawn, so that callers that verify only some runs do not pay for the rest.
     */
    Optional<Mismatch> verify();

    /**
     * The output buffer itself (a primitive array), so that a runner can copy what the kernel wrote
     * and the engine can verify the copy on its own instance of the same problem.
     */
    Object output();

    /**
     * The input arrays the kernel is handed, as they are now (primitive arrays), so that a runner can
     * check after each call that the kernel left them unchanged.
     */
    List<Object> inputs();

    /**
     * Overwrites the output buffer with {@code copy} (an array of the same type and length, e.g. the
     * output of another process's run on the same seed), so that {@link #verify()} judges the copy.
     *
     * @throws IllegalArgumentException when the copy's type or length differs
     */
    default void loadOutput(Object copy) {
        Object out = output();
        if (copy == null || copy.getClass() != out.getClass()
                || java.lang.reflect.Array.getLength(copy) != java.lang.reflect.Array.getLength(out)) {
            throw new IllegalArgumentException("an output copy must be a " + out.getClass().getSimpleName()
                    + " of length " + java.lang.reflect.Array.getLength(out));
        }
        System.arraycopy(copy, 0, out, 0, java.lang.reflect.Array.getLength(out));
    }
}
