/**
 * OpenCL C targets: the trusted host side of kernels written in OpenCL C. A
 * {@link dev.evolve.kernels.opencl.OpenClTarget} names the kernel and its arguments, reads the
 * launch knobs ({@code #define} lines of the evolve block, see {@link dev.evolve.kernels.opencl.Knobs}),
 * computes the NDRange from them, creates seeded inputs and checks outputs against a Java
 * reference. Nothing here calls OpenCL: building and running kernels is the evaluators' business.
 */
package dev.evolve.kernels.opencl;
