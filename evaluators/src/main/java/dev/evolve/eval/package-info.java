/**
 * Source text to outcome. {@link dev.evolve.eval.VariantEvaluator} is the seam (and the public
 * plug-in point); {@link dev.evolve.eval.EvaluationOutcome} is the sealed result every caller
 * handles with an exhaustive {@code switch}.
 */
package dev.evolve.eval;
