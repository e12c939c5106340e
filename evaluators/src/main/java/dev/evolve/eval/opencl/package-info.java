/**
 * OpenCL C variants evaluated through JOCL: device discovery ({@link dev.evolve.eval.opencl.OpenClDevices}),
 * the engine-side static check, and {@link dev.evolve.eval.opencl.OpenClEvaluator}, which builds, checks
 * and times each variant in a worker process ({@link dev.evolve.eval.opencl.OpenClRequestHandler},
 * speaking the worker protocol of {@code dev.evolve.eval.worker}) that is killed past its deadline.
 * {@link dev.evolve.eval.opencl.OpenClBackend} is the {@code AcceleratorBackend} for OpenCL.
 */
package dev.evolve.eval.opencl;
