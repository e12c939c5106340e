/** Row-wise softmax of a square row-major {@code double[]} matrix. */
package dev.evolve.kernels.softmax;
