/**
 * JMH confirmation of a measured variant, run in a separate, scrubbed process:
 * {@link dev.evolve.eval.jmh.JmhConfirmation} is the seam, {@link dev.evolve.eval.jmh.ForkedJmhConfirmation}
 * runs {@code dev.evolve.bench.JmhLauncher} with {@link dev.evolve.eval.jmh.JmhSettings}. A score
 * that disagrees with the screen by more than
 * {@link dev.evolve.eval.EvaluationOutcome.Jmh#PLAUSIBLE_FACTOR} is flagged, not dropped: the
 * variant's code runs in the fork, so a JMH score is no proof either.
 */
package dev.evolve.eval.jmh;
