/**
 * JMH confirmation of a measured variant, run in a separate, scrubbed process:
 * {@link dev.evolve.eval.jmh.JmhConfirmation} is the seam, {@link dev.evolve.eval.jmh.ForkedJmhConfirmation}
 * runs {@code dev.evolve.bench.JmhLauncher} with {@link dev.evolve.eval.jmh.JmhSettings}.
 */
package dev.evolve.eval.jmh;
