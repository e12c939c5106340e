/**
 * What the engine optimizes. A {@link dev.evolve.kernels.KernelTarget} carries a seed program,
 * a trusted reference, seeded inputs, a tolerance and the sizes to check and time; the rest of
 * the system (evaluators, benchmarks, engine) reads targets only through that seam. The built-in
 * Java kernels extend {@link dev.evolve.kernels.JavaArrayTarget}, one package each, and are listed
 * in {@code META-INF/services/dev.evolve.kernels.KernelTarget} (read by {@link dev.evolve.kernels.Targets}),
 * so this package depends on none of them.
 * A {@link dev.evolve.kernels.Problem} exposes its output and inputs so that a copy of an output
 * made in one process can be verified on the same seed's problem in another, and
 * {@link dev.evolve.kernels.InputSnapshot} tells whether a kernel changed its inputs.
 */
package dev.evolve.kernels;
