/**
 * The machine's limits, measured where the user runs, and each variant's share of them:
 * {@link dev.evolve.bench.limits.LimitsBenchmark} measures STREAM-style bandwidth, the Vector API FMA and
 * exponential peaks and OpenBLAS GEMM (through {@code benchmarks/openblas/run.sh}) into a
 * {@link dev.evolve.bench.limits.MachineLimits} file; {@link dev.evolve.bench.limits.LimitOf} turns a target's
 * declared {@link dev.evolve.kernels.roofline.Roofline} into the fastest time per call those limits allow.
 */
package dev.evolve.bench.limits;
