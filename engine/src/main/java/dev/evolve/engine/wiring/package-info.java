/**
 * Wiring: builds a run from its configuration and folder (database, workbench, observers, model
 * proposer), runs the loop of {@code run} and always tears it down. Nothing here decides anything
 * about the search; {@code run} is the loop, {@code record} the files.
 * One {@link dev.evolve.engine.wiring.TargetKind} per kind of target owns its evaluator, re-timing
 * and rewrites for a run or an evaluation; {@link dev.evolve.engine.wiring.Workbenches} looks the
 * kind up.
 */
package dev.evolve.engine.wiring;
