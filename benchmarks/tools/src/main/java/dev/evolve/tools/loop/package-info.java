/** The loop's own costs, with the evaluation replaced by a synthetic one: its heap, and its throughput with a slow model. */
package dev.evolve.tools.loop;
