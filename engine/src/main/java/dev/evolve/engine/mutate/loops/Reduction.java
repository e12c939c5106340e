package dev.evolve.engine.mutate.loops;

/**
 * An accumulation {@code x += e} (or {@code x = x + e}, {@code *=}) into a scalar or an array element whose
 * location does not move with {@code loop}: the loop adds into one place.
 */
public record Reduction(String target, boolean scalar, Loop loop) {
}
