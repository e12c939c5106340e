package dev.evolve.engine.mutate.loops;

/**
 * A compound accumulation ({@code x += e}, {@code x *= e}, {@code x++}, ...) into a scalar, or into an array
 * element whose subscript does not move with {@code loop} (the loop adds into one place). The dependence test
 * treats it as any other read and write; it is recorded for rewrites that privatize or split reductions.
 */
public record Reduction(String target, boolean scalar, Loop loop) {
}
