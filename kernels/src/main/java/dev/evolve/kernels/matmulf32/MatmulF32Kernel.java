package dev.evolve.kernels.matmulf32;

/** The contract of a single-precision matmul variant. */
public interface MatmulF32Kernel {

    /**
     * Computes {@code c = a * b} for square row-major matrices of order {@code n}.
     * {@code c} must be fully overwritten; its initial contents are arbitrary.
     */
    void multiply(float[] a, float[] b, float[] c, int n);
}
