/** Histogram of {@code int} values into a fixed number of bins. */
package dev.evolve.kernels.histogram;
