/**
 * Custom evaluators, for programs in any language judged by the user's own measure. The public
 * plug-in API is {@link dev.evolve.eval.plugin.ProgramEvaluator} (with
 * {@link dev.evolve.eval.plugin.Candidate} in and {@link dev.evolve.eval.plugin.Score} out): a user
 * implements it in their own jar, and {@link dev.evolve.eval.plugin.PluginEvaluator} runs it in worker
 * JVMs, never in the engine's: those workers run {@link dev.evolve.eval.plugin.PluginHost} as their request
 * handler, so the worker package knows nothing of plug-ins. {@link dev.evolve.eval.plugin.CommandEvaluator} runs an external
 * command instead and reads its JSON verdict. Both are {@link dev.evolve.eval.VariantEvaluator}s whose
 * successes are {@link dev.evolve.eval.EvaluationOutcome.Scored}.
 */
package dev.evolve.eval.plugin;
