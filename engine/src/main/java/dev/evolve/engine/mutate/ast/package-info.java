/**
 * Rule-based mutators: JavaParser rewrites of a variant's evolve block that a performance engineer
 * would try (loop interchange, hoisting, parallel streams, Vector API loops, register blocking,
 * tiling, unrolling, transposition, constant tuning; for reductions, scans, stencils and softmax:
 * parallel reductions and scans, independent accumulators, boundary peeling, reuse of computed values).
 * Besides these pattern rewrites, the general schedule rewrites (accumulate, permute, tile,
 * parallelize-loop, unroll-jam, scalar-replace, pack, the general vectorizer vectorize, and vector-tile,
 * vector register tiles kept across a reduction loop) act on any nest
 * of the {@link dev.evolve.engine.mutate.loops} model,
 * legal by its dependence test. Implements the {@link dev.evolve.engine.mutate.Rewrite} seam; {@link dev.evolve.engine.mutate.ast.RewriteLibrary}
 * picks the rewrites for a target.
 */
package dev.evolve.engine.mutate.ast;
