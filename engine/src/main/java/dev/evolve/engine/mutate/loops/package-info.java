/**
 * A loop-nest model of an evolve block and a dependence test on it, for schedule rewrites whose legality
 * must come from the program, never from a target's name.
 *
 * <p>{@link dev.evolve.engine.mutate.loops.LoopNests} recognises counted {@code for} nests over arrays
 * whose subscripts are affine in the loop variables ({@code a[i * n + k]}, {@code img[(i + di) * m + j]},
 * {@code a[i][j]}) with their reads, writes and reductions; a nest with anything it does not understand
 * (calls other than {@code Math}, early exits, while loops, lambdas) is not modelled and so never rewritten;
 * {@code NestBuilder} walks one nest for it.
 * {@link dev.evolve.engine.mutate.loops.Dependences} computes direction vectors (GCD test and exact
 * single-variable distances per delinearized dimension, split by parameter monomial or by a symbolic row
 * stride, {@code SymbolicStride}, with parameter bounds the loops imply, {@code ParameterFacts}; '*' wherever
 * nothing is proven) and answers the legality questions of permutation, tiling, unroll-and-jam and parallel
 * execution.
 */
package dev.evolve.engine.mutate.loops;
