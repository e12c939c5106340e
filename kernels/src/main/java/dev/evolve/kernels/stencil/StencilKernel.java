package dev.evolve.kernels.stencil;

/** The contract of a 5-point Jacobi stencil variant. */
public interface StencilKernel {

    /**
     * One Jacobi step on an {@code n x n} row-major grid: for interior points
     * {@code out[i][j] = 0.25 * (in[i-1][j] + in[i+1][j] + in[i][j-1] + in[i][j+1])}; boundary
     * points (first and last row and column) are copied from {@code in}. {@code out} must be fully
     * overwritten; its initial contents are arbitrary.
     */
    void step(double[] in, double[] out, int n);
}
