/**
 * What the engine optimizes. A {@link dev.evolve.kernels.KernelTarget} carries a seed program,
 * a trusted reference, seeded inputs, a tolerance and the sizes to check and time; the rest of
 * the system (evaluators, benchmarks, engine) reads targets only through that seam.
 */
package dev.evolve.kernels;
