/**
 * Rule-based mutators: JavaParser rewrites of a variant's evolve block that a performance engineer
 * would try (loop interchange, hoisting, parallel streams, Vector API loops, register blocking,
 * tiling, unrolling, transposition, constant tuning). Owns the {@link dev.evolve.engine.mutate.ast.Rewrite} seam.
 */
package dev.evolve.engine.mutate.ast;
