package dev.evolve.kernels.prefixsum;

/** The contract of an inclusive-scan variant. */
public interface PrefixSumKernel {

    /**
     * Writes {@code out[i] = x[0] + ... + x[i]} for every {@code i < n}, in any summation order.
     * {@code out} must be fully overwritten; its initial contents are arbitrary.
     */
    void scan(double[] x, double[] out, int n);
}
