package dev.evolve.kernels.matmul;

/** The contract of a matmul variant. */
public interface MatmulKernel {

    /**
     * Computes {@code c = a * b} for square row-major matrices of order {@code n}.
     * {@code c} must be fully overwritten; its initial contents are arbitrary.
     */
    void multiply(double[] a, double[] b, double[] c, int n);
}
