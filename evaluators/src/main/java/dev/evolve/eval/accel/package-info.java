/**
 * The seam for accelerator backends: {@link dev.evolve.eval.accel.AcceleratorBackend} lists a
 * machine's devices and makes an evaluator that builds, runs, checks and times variants on one
 * of them. OpenCL through JOCL ({@code dev.evolve.eval.opencl}) is the implementation; the
 * interface's Javadoc says what a TornadoVM or CUDA backend would implement.
 */
package dev.evolve.eval.accel;
