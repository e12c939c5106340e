/** The cost of evaluating on a cluster: dispatch overhead per candidate, and throughput with more members. */
package dev.evolve.tools.cluster;
