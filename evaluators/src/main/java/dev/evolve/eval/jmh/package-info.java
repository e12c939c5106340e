/** JMH confirmation of a measured variant, run in a separate, scrubbed process. */
package dev.evolve.eval.jmh;
