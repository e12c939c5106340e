package dev.evolve.kernels.histogram;

/** The contract of a histogram variant. */
public interface HistogramKernel {

    /**
     * Counts, for every {@code b < bins}, how many of {@code values[0..n)} equal {@code b}, into
     * {@code counts[b]}. Every value lies in {@code [0, bins)}. {@code counts} (of length
     * {@code bins}) must be fully overwritten; its initial contents are arbitrary.
     */
    void histogram(int[] values, int[] counts, int n, int bins);
}
