/** Benchmarks of the loop itself (memory and overhead), with the evaluation replaced by a synthetic one. */
package dev.evolve.engine.run.bench;
