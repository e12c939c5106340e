/** Double-precision square matrix multiply, C = A * B, row-major {@code double[]}. */
package dev.evolve.kernels.matmul;
