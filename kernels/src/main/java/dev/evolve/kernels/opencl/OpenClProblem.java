package dev.evolve.kernels.opencl;

import dev.evolve.kernels.Mismatch;
import java.util.List;
import java.util.Optional;

/**
 * One instance of an OpenCL target's computation: the kernel's arguments (inputs drawn from a
 * seed, outputs pre-filled with noise) and the reference's answer. The host runs the kernel on
 * {@link #arguments()}, reads every {@link KernelArg.FloatOutput} back into its array, then asks
 * {@link #verify()}. Not thread-safe.
 */
public interface OpenClProblem {

    /** The problem size (for matmul, the matrix order n). */
    int size();

    /** The kernel's arguments in parameter order; the same array objects on every call. */
    List<KernelArg> arguments();

    /** Overwrites every output array with noise, so that a kernel must write each element. */
    void scrambleOutputs();

    /** Compares the output arrays with the reference; the first element out of tolerance, if any. */
    Optional<Mismatch> verify();
}
