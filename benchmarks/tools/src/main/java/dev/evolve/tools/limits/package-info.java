/** A run's best program as a share of the machine's limit for its target (the limits file of {@code benchmarks/limits.sh}). */
package dev.evolve.tools.limits;
