/** In-memory compilation of one variant with javax.tools: source in, class bytes or diagnostics out. */
package dev.evolve.eval.compile;
