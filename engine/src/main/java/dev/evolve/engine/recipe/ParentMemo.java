package dev.evolve.engine.recipe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the search keeps about one parent across its episodes: the rewrite results of recipe prefixes (an elite is
 * the parent of many episodes, and each step is a parse and a print), and how many calls in a row each of the
 * searches that open a first generation ({@link EnablingSearch}, {@link SketchSearch}) found nothing. After
 * {@value #MISSES} fruitless calls on a parent a search is not called on it again: each call makes up to a few
 * hundred rewrites (0.4 to 1.6 s of a core on transpose's seed, where no refused rewrite can be opened), which the
 * evaluations it competes with need more.
 */
final class ParentMemo {

    /** Fruitless calls in a row after which a search is not called on the parent again. */
    static final int MISSES = 3;

    private final Map<List<Recipe.Step>, Recipe.Applied> steps = new ConcurrentHashMap<>();
    private final AtomicInteger enablingMisses = new AtomicInteger();
    private final AtomicInteger sketchMisses = new AtomicInteger();

    Map<List<Recipe.Step>, Recipe.Applied> steps() {
        return steps;
    }

    /** {@link EnablingSearch}'s chain, unless it has found none in its last {@value #MISSES} calls here. */
    <T> Optional<T> enabling(Supplier<Optional<T>> search) {
        return counted(enablingMisses, search);
    }

    /** {@link SketchSearch}'s filled sketch, unless it has found none in its last {@value #MISSES} calls here. */
    <T> Optional<T> sketch(Supplier<Optional<T>> search) {
        return counted(sketchMisses, search);
    }

    private static <T> Optional<T> counted(AtomicInteger misses, Supplier<Optional<T>> search) {
        if (misses.get() >= MISSES) {
            return Optional.empty();
        }
        Optional<T> found = search.get();
        if (found.isPresent()) {
            misses.set(0);
        } else {
            misses.incrementAndGet();
        }
        return found;
    }
}
