/**
 * The loop of a run ({@link dev.evolve.engine.run.Evolution}) and its collaborators, one job each:
 * {@link dev.evolve.engine.run.Parents} picks parents, a {@link dev.evolve.engine.run.Proposer} (recipes of
 * rewrites, or a model) proposes children, the {@link dev.evolve.engine.run.CandidatePipeline} dedupes,
 * evaluates and files them (the seam where a sandboxed or remote evaluator plugs in), the
 * {@link dev.evolve.engine.run.Champion} re-times and confirms the best, the
 * {@link dev.evolve.engine.run.Schedule} says whose turn it is, and {@link dev.evolve.engine.run.RunObserver}s
 * log, show and write what happens.
 */
package dev.evolve.engine.run;
