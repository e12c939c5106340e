/** Square matrix transpose, row-major {@code double[]}. */
package dev.evolve.kernels.transpose;
