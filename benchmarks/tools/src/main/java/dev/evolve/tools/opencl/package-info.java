/** The OpenCL matmul search: the naive OpenCL seed against the best the OpenCL rewrites reach. */
package dev.evolve.tools.opencl;
