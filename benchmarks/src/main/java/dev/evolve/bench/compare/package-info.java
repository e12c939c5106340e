/**
 * Comparison benchmarks: for each target, the seed, the committed evolved winners and library baselines
 * (EJML, ojAlgo, the JDK) timed in one JMH run by {@link dev.evolve.bench.compare.CompareLauncher}, each
 * verified against the target's reference after every iteration. Winners are read as source from the
 * results folder ({@code results/<target>/best.java}, and {@code results/reference/<run>/best.java} for
 * reference runs) and compiled at benchmark setup. Run with {@code benchmarks/compare.sh}.
 */
package dev.evolve.bench.compare;
