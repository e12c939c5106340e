/**
 * Evolution of the prompts' free-text guidance (meta-prompt evolution): the direction of effort a model prompt gives
 * is a small population ({@link dev.evolve.engine.guidance.GuidancePopulation}) sampled by a bandit over how much the
 * children made under each piece improved ({@link dev.evolve.engine.guidance.GuidanceBandit}); now and then the model
 * rewrites the weakest piece from the best and worst ({@link dev.evolve.engine.guidance.GuidanceEvolution}, replies
 * checked by {@link dev.evolve.engine.guidance.GuidanceReply}). Owns the {@code guidance} run-state entry, the run
 * folder's {@code guidance.md} and the summary's {@code guidance} object.
 */
package dev.evolve.engine.guidance;
