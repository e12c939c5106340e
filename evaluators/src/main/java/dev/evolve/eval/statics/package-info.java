/**
 * The static stage of the cascade: what a variant may not contain, checked before compilation.
 * {@link dev.evolve.eval.statics.StaticCheck} is the seam; {@link dev.evolve.eval.statics.JavaParserStaticCheck}
 * checks {@link dev.evolve.eval.statics.SourceBounds} (length, bracket nesting), syntax, the evolve
 * block, the kernel signature and forbidden APIs on a JavaParser tree. It is the fast first pass
 * with friendly messages; the wall behind it is the class-file check of {@code dev.evolve.eval.bytecode}.
 */
package dev.evolve.eval.statics;
