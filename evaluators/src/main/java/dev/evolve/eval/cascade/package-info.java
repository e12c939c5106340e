/**
 * The evaluation cascade: {@link dev.evolve.eval.cascade.Cascade} turns a variant's source into an
 * outcome (static check, compile, class-file check, correctness at the check sizes and one random
 * larger size, timing on fresh inputs, the engine's own verification of timed outputs, optional JMH)
 * on a worker pool, with the machine's {@link dev.evolve.eval.cascade.BenchLane} so that one candidate
 * is timed at a time. It owns the like-for-like seed timing that speedups are measured against, and
 * makes sure no candidate text faults the engine (every stage bounded, every throwable an outcome).
 * A worker's replies are claims: what decides {@code measured} is checked here, in the engine.
 */
package dev.evolve.eval.cascade;
