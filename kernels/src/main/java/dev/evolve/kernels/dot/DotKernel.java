package dev.evolve.kernels.dot;

/** The contract of a dot-product variant. */
public interface DotKernel {

    /** Returns the sum over {@code i < n} of {@code x[i] * y[i]}, in any summation order. */
    double dot(double[] x, double[] y, int n);
}
