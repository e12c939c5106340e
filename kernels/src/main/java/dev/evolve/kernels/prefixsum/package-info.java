/** Inclusive prefix sum (scan) of a {@code double[]}. */
package dev.evolve.kernels.prefixsum;
