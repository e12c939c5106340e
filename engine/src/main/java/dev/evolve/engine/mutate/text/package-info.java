/**
 * Rule-based rewrites that work on text, for programs in any language (no parser):
 * {@link dev.evolve.engine.mutate.text.TuneNumbers} moves numeric literals of the evolve block. They
 * implement the {@link dev.evolve.engine.mutate.Rewrite} seam, so the recipe search drives them
 * like the Java rewrites.
 */
package dev.evolve.engine.mutate.text;
