/**
 * The cost of evaluating on a cluster: dispatch overhead per candidate, throughput with more members
 * ({@code DispatchBenchmark}), and where one coordinator saturates as the cluster grows
 * ({@code SaturationBenchmark}).
 */
package dev.evolve.tools.cluster;
