package dev.evolve.engine.recipe;

import static dev.evolve.engine.recipe.BudgetedApply.shuffled;

import dev.evolve.engine.mutate.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Fills a sketch, an order of rewrites that builds a known good shape of loop nest, with knob values at which
 * every step applies to the parent: what a schedule compiler derives first (Ansor's multi-level tiling, then a
 * parallel outer loop and an unrolled or vectorized inner one; Halide's tile, parallel, vectorize) before it
 * tunes the knobs.
 *
 * <p>The steps of such a shape pay off together more than one by one: on a transpose, tiling one loop, running its
 * tile loop in parallel and unroll-and-jamming the rows gave 1.5x, 1.8x and 7.7x the program before each step, and
 * the three are seldom drawn in that order in a random chain over a library of twenty rewrites. Here the steps of a
 * sketch are filled depth first, each at its knob values in a random order: a knob at which the step applies and
 * the rest of the sketch can follow (the last step making a child not known) is kept, else the next knob is tried
 * (up to {@value #BRANCHES} knobs that apply); a sketch that cannot be filled is left for another. The search then
 * tunes the knobs of what scores.
 *
 * <p>A call makes at most {@value #FRESH_APPLIES} rewrites not found in the parent's memo of recipe prefixes (a
 * call took 13 to 256 ms on five built-in seeds), and a later call for the same parent reuses what this one
 * rewrote. A sketch's step names a rewrite ({@code "tile"}: its knobs in a random order) or a rewrite and the knobs
 * to try in that order ({@code "parallelize-loop:0,1,2"}: the outermost loop first, as schedule compilers run it);
 * {@link #parse} leaves out sketches that name a rewrite the library does not hold, or a knob the rewrite does not
 * define (a target's library need not have them all), and refuses a step written any other way (a mistake).
 */
final class SketchSearch {

    /** Rewrites (parse, transform, print) one call may make that are not in the memo already. */
    static final int FRESH_APPLIES = 100;
    /**
     * Knob values of a step at which it applies whose continuations are tried; the others wait for a later call. A
     * four-step sketch of tiles (eighteen knob values each) would otherwise spend a call's budget below its first
     * tile when its last step cannot follow.
     */
    static final int BRANCHES = 2;

    /** One step of a sketch: a rewrite, and the knob values to try in order (empty: all of them, shuffled). */
    record SketchStep(String rewrite, List<Integer> knobs) {

        /** {@code "name"} or {@code "name:k1,k2,..."}. @throws IllegalArgumentException for anything else */
        static SketchStep parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 0) {
                return new SketchStep(text, List.of());
            }
            List<Integer> knobs = new ArrayList<>();
            for (String k : text.substring(colon + 1).split(",", -1)) {
                try {
                    knobs.add(Integer.parseInt(k.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("sketch step '" + text + "': expected name or name:k1,k2,...");
                }
            }
            return new SketchStep(text.substring(0, colon), List.copyOf(knobs));
        }

        /** Whether the library holds the rewrite and it defines every knob named. */
        boolean validIn(Map<String, Rewrite> byName) {
            Rewrite r = byName.get(rewrite);
            return r != null && r.knobs().containsAll(knobs);
        }

        /** The knob values to try, in the order to try them. */
        List<Integer> order(Rewrite r, RandomGenerator random) {
            return !knobs.isEmpty() ? knobs : shuffled(r.knobs().isEmpty() ? List.of(0) : r.knobs(), random);
        }
    }

    private final Map<String, Rewrite> byName;
    private final List<List<SketchStep>> sketches;
    private final BudgetedApply rewrites;
    private final Predicate<String> known;

    /** {@code sketches} as returned by {@link #parse}: each step valid in {@code byName}. */
    SketchSearch(Map<String, Rewrite> byName, List<List<SketchStep>> sketches, String parentSource,
                 Map<List<Recipe.Step>, Recipe.Applied> memo, Predicate<String> known) {
        this.byName = byName;
        this.sketches = sketches;
        this.rewrites = new BudgetedApply(parentSource, byName, memo);
        this.known = known;
    }

    /**
     * The sketches whose every step the library ({@code byName}) holds, at knobs the rewrite defines.
     *
     * @throws IllegalArgumentException when a step is not {@code "name"} or {@code "name:k1,k2,..."}
     */
    static List<List<SketchStep>> parse(List<List<String>> sketches, Map<String, Rewrite> byName) {
        return sketches.stream()
                .map(sketch -> sketch.stream().map(SketchStep::parse).toList())
                .filter(steps -> !steps.isEmpty() && steps.stream().allMatch(step -> step.validIn(byName)))
                .toList();
    }

    /** The steps of a sketch, drawn at random, each applying and the last making a child not known. */
    Optional<List<Recipe.Step>> find(RandomGenerator random) {
        rewrites.allow(FRESH_APPLIES);
        try {
            for (List<SketchStep> sketch : shuffled(sketches, random)) {
                Optional<List<Recipe.Step>> chain = fill(sketch, random);
                if (chain.isPresent()) {
                    return chain;
                }
            }
        } catch (BudgetedApply.OutOfBudget e) {
            // the memo keeps what this call rewrote: the next call for this parent goes on from there
        }
        return Optional.empty();
    }

    private Optional<List<Recipe.Step>> fill(List<SketchStep> sketch, RandomGenerator random) {
        return fill(sketch, new ArrayList<>(), random);
    }

    /**
     * {@code chain} (the sketch's first steps, each applied) completed: the next step at each of its knob values in
     * the step's order, each followed by the rest of the sketch, so that a knob after which a later step cannot apply
     * (a parallel inner loop where the tile loop should be) gives way to the next one.
     */
    private Optional<List<Recipe.Step>> fill(List<SketchStep> sketch, List<Recipe.Step> chain, RandomGenerator random) {
        int s = chain.size();
        if (s == sketch.size()) {
            return Optional.of(List.copyOf(chain));
        }
        Rewrite r = byName.get(sketch.get(s).rewrite());
        boolean last = s == sketch.size() - 1;
        int followed = 0;
        for (int knob : sketch.get(s).order(r, random)) {
            chain.add(new Recipe.Step(r.name(), knob));
            Recipe.Applied child = rewrites.apply(chain);
            if (child.applied().size() == chain.size() && !(last && known.test(child.source()))) {
                Optional<List<Recipe.Step>> done = fill(sketch, chain, random);
                if (done.isPresent()) {
                    return done;
                }
                followed++;
            }
            chain.removeLast();
            if (followed == BRANCHES) {
                break;                  // a later call draws other knobs: the memo keeps what this one rewrote
            }
        }
        return Optional.empty();
    }
}
