/**
 * Kernels a user defines in a folder, without rebuilding the engine: the generic
 * {@link dev.evolve.kernels.custom.ArrayKernel} contract, the plain-data
 * {@link dev.evolve.kernels.custom.ArrayKernelSpec} that travels to worker processes, and the
 * {@link dev.evolve.kernels.custom.ArrayKernelTarget} built from it around the user's trusted reference.
 */
package dev.evolve.kernels.custom;
