/** The static stage of the cascade: what a variant may not contain, checked before compilation. */
package dev.evolve.eval.statics;
