package dev.evolve.kernels.transpose;

/** The contract of a transpose variant. */
public interface TransposeKernel {

    /**
     * Writes {@code out = a^T} for a square row-major matrix of order {@code n}:
     * {@code out[j * n + i] = a[i * n + j]}. {@code out} must be fully overwritten; its initial
     * contents are arbitrary.
     */
    void transpose(double[] a, double[] out, int n);
}
