/**
 * Wiring: what is built for a run or an evaluation from its configuration. One
 * {@link dev.evolve.engine.wiring.TargetKind} per kind of target owns its evaluator, re-timing
 * and rewrites; {@link dev.evolve.engine.wiring.Workbenches} looks the kind up.
 */
package dev.evolve.engine.wiring;
