package dev.evolve.kernels.matvec;

/** The contract of a matrix-vector product variant. */
public interface MatvecKernel {

    /**
     * Computes {@code y = a * x} for a square row-major matrix {@code a} of order {@code n} and a
     * vector {@code x} of length {@code n}. {@code y} must be fully overwritten; its initial
     * contents are arbitrary.
     */
    void multiply(double[] a, double[] x, double[] y, int n);
}
