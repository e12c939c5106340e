/**
 * All JMH code. {@link dev.evolve.bench.VariantBenchmark} is the one fixed harness that times a
 * variant loaded from a class directory, every invocation on a fresh problem and verified;
 * {@link dev.evolve.bench.JmhLauncher} runs it from a command line, so that callers can put JMH in
 * a separate, scrubbed process.
 */
package dev.evolve.bench;
