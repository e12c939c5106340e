/** Single-precision square matrix multiply, C = A * B, row-major {@code float[]}. */
package dev.evolve.kernels.matmulf32;
