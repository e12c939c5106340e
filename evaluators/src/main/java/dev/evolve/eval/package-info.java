/**
 * Source text to outcome. {@link dev.evolve.eval.VariantEvaluator} is the seam (and the public
 * plug-in point); {@link dev.evolve.eval.EvaluationOutcome} is the sealed result every caller
 * handles with an exhaustive {@code switch}. {@link dev.evolve.eval.Bounded} caps what candidate
 * code chooses (messages, traces, cause chains) before it is kept.
 */
package dev.evolve.eval;
