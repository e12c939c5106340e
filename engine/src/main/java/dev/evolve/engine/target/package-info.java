/**
 * Which targets exist and how a target argument ({@code matmul}, a folder, ...) becomes a
 * {@link dev.evolve.kernels.Target}: {@link dev.evolve.engine.target.TargetCatalog}.
 */
package dev.evolve.engine.target;
