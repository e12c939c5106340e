/**
 * The Jenetics adapter: searches rewrite recipes (which rewrites, in which order, with which
 * knob values) applied to one parent program. All {@code io.jenetics} imports live here; the
 * rest of the engine sees {@link dev.evolve.engine.recipe.Recipe} and
 * {@link dev.evolve.engine.recipe.RecipeSearch} only.
 */
package dev.evolve.engine.recipe;
