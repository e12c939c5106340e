/** The rewrite showcase: the speed of each step of a rewrite chain from a target's seed. */
package dev.evolve.tools.rewrite;
