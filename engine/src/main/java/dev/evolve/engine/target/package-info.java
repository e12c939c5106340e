/**
 * Which targets exist and how a target argument ({@code matmul}, a folder, ...) becomes a
 * {@link dev.evolve.kernels.Target}: {@link dev.evolve.engine.target.TargetCatalog}. A folder holds a
 * {@code target.yaml} read strictly by {@link dev.evolve.engine.target.TargetSpecs}: a Java array kernel
 * judged by the cascade, or a {@link dev.evolve.engine.target.ScoredTarget} judged by the user's evaluator.
 */
package dev.evolve.engine.target;
