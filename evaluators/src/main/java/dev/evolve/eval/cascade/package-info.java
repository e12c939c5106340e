/**
 * The evaluation cascade: {@link dev.evolve.eval.cascade.Cascade} turns a variant's source into an
 * outcome (static check, compile, correctness, timing, optional JMH) on a worker pool, with the
 * machine's {@link dev.evolve.eval.cascade.BenchLane} so that one candidate is timed at a time.
 * It owns the like-for-like seed timing that speedups are measured against.
 */
package dev.evolve.eval.cascade;
