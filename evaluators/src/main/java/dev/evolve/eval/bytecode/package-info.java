/**
 * The wall behind the source check: {@link dev.evolve.eval.bytecode.ClassFileCheck} reads every
 * class file a variant compiled to (with ASM) and refuses any reference outside an
 * {@link dev.evolve.eval.bytecode.ApiAllowlist} of what a kernel of its target may use, naming
 * the member. It runs in the engine on the bytes a worker's compilation returned, before any class
 * of the variant is defined in a JVM; the worker then loads exactly those bytes.
 */
package dev.evolve.eval.bytecode;
