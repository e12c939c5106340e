package dev.evolve.kernels.softmax;

/** The contract of a row-wise softmax variant. */
public interface SoftmaxKernel {

    /**
     * For each row {@code i} of the square row-major matrix {@code x} of order {@code n}, writes
     * {@code out[i][j] = exp(x[i][j]) / sum_k exp(x[i][k])}. Rows hold values far beyond the
     * range of {@code exp} (|x| up to about 1000), so a variant must subtract the row maximum (or
     * otherwise avoid overflow). {@code out} must be fully overwritten; its initial contents are
     * arbitrary.
     */
    void softmax(double[] x, double[] out, int n);
}
