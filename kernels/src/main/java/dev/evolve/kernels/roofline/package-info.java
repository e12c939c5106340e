/**
 * What bounds a target's speed on a machine: a {@link dev.evolve.kernels.roofline.Roofline} is the work
 * one call must do, split by the machine resource each part loads (bytes read and written, fused
 * multiply-adds, exponentials, a library GEMM of the same size). Targets declare it next to their FLOP
 * and byte counts; the benchmarks turn it into a time per call with the limits measured on the machine.
 * This package depends on nothing else in the project.
 */
package dev.evolve.kernels.roofline;
