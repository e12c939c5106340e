/**
 * Java kernels that run on an OpenCL device through Aparapi: a variant is a subclass of
 * {@code com.aparapi.Kernel} whose {@code run()} Aparapi translates to OpenCL C. An
 * {@link dev.evolve.kernels.aparapi.AparapiTarget} carries the seed, the host contract the variant
 * implements (so the reference, inputs and tolerance of a Java target are reused) and its sizes;
 * how a variant is run and judged on the device is the evaluators' business.
 */
package dev.evolve.kernels.aparapi;
