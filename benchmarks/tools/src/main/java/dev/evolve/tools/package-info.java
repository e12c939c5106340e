/**
 * Harnesses with a {@code main} method that print figures (none is a test): one subpackage per
 * part they measure. They live outside the engine so that no production package depends on the
 * compiler, the OpenCL evaluator or a built-in kernel just to time something.
 */
package dev.evolve.tools;
