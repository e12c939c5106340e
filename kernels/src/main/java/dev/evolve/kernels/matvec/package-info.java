/** Double-precision matrix-vector product, y = A * x, A square and row-major {@code double[]}. */
package dev.evolve.kernels.matvec;
