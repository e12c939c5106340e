/** A reduction: the double-precision dot product of two vectors. */
package dev.evolve.kernels.dot;
