/** The evaluation cascade's own costs: stages before timing, worker starts with and without the sandbox, the class-file check. */
package dev.evolve.tools.eval;
