/**
 * Mutation seams shared by every kind of rule-based change: {@link dev.evolve.engine.mutate.Rewrite}, one
 * source-to-source rewrite with knobs. Its implementations live in the sub-packages by the language they
 * edit ({@code ast} for Java through JavaParser, {@code opencl}, {@code text}); {@code llm} asks a model.
 */
package dev.evolve.engine.mutate;
