package dev.evolve.engine.recipe;

import static dev.evolve.engine.recipe.BudgetedApply.shuffled;

import dev.evolve.engine.mutate.Rewrite;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Finds the steps that open a finishing rewrite the parent refuses: a chain of one or two enabling rewrites after
 * which it applies, as a schedule compiler's sketch rules put a nest in the form its vectorizer wants.
 *
 * <p>The rewrites that pay most (parallel and vector code: register tiles, vectorized loops, parallel tasks) are
 * often refused on a kernel as written: a border branch in the loop body, a loop order whose inner loop strides,
 * filter taps in a loop of their own. Other rewrites remove the obstacle (peeling, permuting, unrolling), but a
 * random chain draws the right two of them, with the right knobs, and then the finishing step, rarely (none in
 * the 164 children of a 10-minute run on a 3 x 3 blur). Here the enabling steps are searched for directly: every
 * knob of every enabling rewrite on the parent (depth one), then ordered pairs of enabling rewrites, one knob of
 * each that applied (depth two); after each, two of the refused finishing rewrites are tried, at a random knob
 * value each. The first chain whose child is not known is returned.
 *
 * <p>Each call makes at most {@value #FRESH_APPLIES} rewrites not found in the parent's memo of recipe prefixes,
 * so a search costs a few seconds once per parent and a later call goes on where an earlier one stopped. The
 * finishing rewrites are those {@code finishing} names; every other rewrite of the library may enable.
 */
final class EnablingSearch {

    /** Rewrites (parse, transform, print) one call may make that are not in the memo already. */
    static final int FRESH_APPLIES = 250;
    /** Knob values of a finishing rewrite tried after an enabling prefix (refusals rarely depend on the knob). */
    private static final int FINISH_DRAWS = 1;
    /**
     * Refused finishing rewrites tried after each prefix, drawn at random: a prefix that removes an obstacle
     * usually opens several of them (a vectorized loop, a vector tile, a parallel one), and the calls that follow
     * draw others.
     */
    private static final int FINISHERS_PER_PREFIX = 2;

    private final List<Rewrite> library;
    private final BudgetedApply rewrites;
    private final Predicate<String> known;
    private final Predicate<String> finishing;

    EnablingSearch(List<Rewrite> library, Map<String, Rewrite> byName, String parentSource,
                   Map<List<Recipe.Step>, Recipe.Applied> memo, Predicate<String> known, Predicate<String> finishing) {
        this.library = library;
        this.rewrites = new BudgetedApply(parentSource, byName, memo);
        this.known = known;
        this.finishing = finishing;
    }

    /** Enabling steps and then a finishing one, whose child is not known; empty when none is found in this call. */
    Optional<List<Recipe.Step>> find(RandomGenerator random) {
        rewrites.allow(FRESH_APPLIES);
        try {
            List<Rewrite> locked = shuffled(library.stream().filter(r -> finishing.test(r.name())).toList(), random)
                    .stream().filter(this::refusedByParent).toList();
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Map<String, List<Recipe.Step>> firstSteps = firstSteps();
            List<List<Recipe.Step>> prefixes = new ArrayList<>();
            firstSteps.values().forEach(steps -> steps.forEach(s -> prefixes.add(List.of(s))));
            int depthOne = prefixes.size();
            List<Recipe.Step> representatives = new ArrayList<>();
            for (List<Recipe.Step> steps : firstSteps.values()) {
                representatives.add(steps.get(random.nextInt(steps.size())));
            }
            for (Recipe.Step a : representatives) {
                for (Recipe.Step b : representatives) {
                    if (!a.rewrite().equals(b.rewrite())) {
                        prefixes.add(List.of(a, b));
                    }
                }
            }
            List<List<Recipe.Step>> depthTwo = shuffled(prefixes.subList(depthOne, prefixes.size()), random);
            List<List<Recipe.Step>> ordered = new ArrayList<>(shuffled(prefixes.subList(0, depthOne), random));
            ordered.addAll(depthTwo);              // every single step first, in a random order, then the pairs
            for (List<Recipe.Step> prefix : ordered) {
                Recipe.Applied opened = apply(prefix);
                if (opened.applied().size() < prefix.size()) {
                    continue;                           // a step of the prefix did nothing: the pair is no pair
                }
                List<Rewrite> tried = shuffled(locked, random);
                for (Rewrite f : tried.subList(0, Math.min(FINISHERS_PER_PREFIX, tried.size()))) {
                    Optional<List<Recipe.Step>> chain = finish(prefix, f, random);
                    if (chain.isPresent()) {
                        return chain;
                    }
                }
            }
        } catch (BudgetedApply.OutOfBudget e) {
            // the memo keeps what this call rewrote: the next call for this parent goes on from there
        }
        return Optional.empty();
    }

    /** Whether no knob value of {@code f} changes the parent. */
    private boolean refusedByParent(Rewrite f) {
        for (int knob : f.knobs()) {
            if (apply(List.of(new Recipe.Step(f.name(), knob))).changed()) {
                return false;
            }
        }
        return true;
    }

    /** Per enabling rewrite, in library order, the steps (one per knob value) that change the parent. */
    private Map<String, List<Recipe.Step>> firstSteps() {
        Map<String, List<Recipe.Step>> out = new LinkedHashMap<>();
        for (Rewrite r : library) {
            if (finishing.test(r.name())) {
                continue;
            }
            for (int knob : r.knobs()) {
                Recipe.Step step = new Recipe.Step(r.name(), knob);
                if (apply(List.of(step)).changed()) {
                    out.computeIfAbsent(r.name(), k -> new ArrayList<>()).add(step);
                }
            }
        }
        return out;
    }

    /** {@code prefix} and then {@code f} at one of a few knob values, when that makes a child not known. */
    private Optional<List<Recipe.Step>> finish(List<Recipe.Step> prefix, Rewrite f, RandomGenerator random) {
        List<Integer> knobs = shuffled(f.knobs(), random);
        for (int knob : knobs.subList(0, Math.min(FINISH_DRAWS, knobs.size()))) {
            List<Recipe.Step> chain = new ArrayList<>(prefix);
            chain.add(new Recipe.Step(f.name(), knob));
            Recipe.Applied child = apply(chain);
            if (child.applied().size() == chain.size() && !known.test(child.source())) {
                return Optional.of(List.copyOf(chain));
            }
        }
        return Optional.empty();
    }

    private Recipe.Applied apply(List<Recipe.Step> steps) {
        return rewrites.apply(steps);
    }
}
