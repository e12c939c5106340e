/** One 5-point Jacobi step on a square grid, row-major {@code double[]}. */
package dev.evolve.kernels.stencil;
