package dev.evolve.engine.mutate;

import java.util.List;
import java.util.Optional;

/**
 * One source-to-source rewrite a performance engineer would try.
 *
 * <pre>{@code
 * for (Rewrite r : RewriteLibrary.forMatmul()) {
 *     for (int knob : r.knobs()) {
 *         r.apply(source, knob).ifPresent(child -> evaluate(child));
 *     }
 * }
 * }</pre>
 *
 * Implementations never throw: input they cannot parse or do not recognise gives
 * {@link Optional#empty()}. The output may be a wrong program; the evaluator judges it.
 */
public interface Rewrite {

    /** Stable id, e.g. {@code "interchange"}, {@code "vectorize-fma"}. */
    String name();

    /** One line. */
    String description();

    /** The knob values this rewrite takes (tile sizes, unroll factors, ...); {@code List.of(0)} if none. */
    List<Integer> knobs();

    /** The full rewritten source, or empty when the rewrite does not apply. Only the evolve block may change. */
    Optional<String> apply(String source, int knob);
}
