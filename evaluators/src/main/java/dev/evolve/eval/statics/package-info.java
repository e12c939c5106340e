/**
 * The static stage of the cascade: what a variant may not contain, checked before compilation.
 * {@link dev.evolve.eval.statics.StaticCheck} is the seam; {@link dev.evolve.eval.statics.JavaParserStaticCheck}
 * checks syntax, the evolve block, the kernel signature and forbidden APIs on a JavaParser tree.
 */
package dev.evolve.eval.statics;
