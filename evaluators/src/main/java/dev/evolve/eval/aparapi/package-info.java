/**
 * Evaluation of Aparapi kernels ({@link dev.evolve.kernels.aparapi.AparapiTarget}) on an OpenCL
 * device: {@link dev.evolve.eval.aparapi.AparapiEvaluator} is the
 * {@link dev.evolve.eval.VariantEvaluator}. It runs the Java cascade (static check, javac, worker
 * JVMs, correctness, timing) over an adapter target whose problems accept a result only when
 * Aparapi really ran the kernel on an OpenCL device; a fallback to the Java thread pool comes back
 * as a {@code rejected} outcome carrying Aparapi's reason, never as a timing.
 */
package dev.evolve.eval.aparapi;
