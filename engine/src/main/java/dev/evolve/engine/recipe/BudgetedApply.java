package dev.evolve.engine.recipe;

import dev.evolve.engine.mutate.Rewrite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Applies recipes to one parent through its memo of recipe prefixes, and counts the rewrites (parse, transform,
 * print) not found there against a budget that each call of a search sets: the searches that try many chains
 * around a parent ({@link EnablingSearch}, {@link SketchSearch}) cost a bounded time per call, and a later call
 * goes on from what the memo kept.
 */
final class BudgetedApply {

    private final String parentSource;
    private final Map<String, Rewrite> byName;
    private final Map<List<Recipe.Step>, Recipe.Applied> memo;
    private int budget;

    BudgetedApply(String parentSource, Map<String, Rewrite> byName, Map<List<Recipe.Step>, Recipe.Applied> memo) {
        this.parentSource = parentSource;
        this.byName = byName;
        this.memo = memo;
    }

    /** Allows {@code fresh} rewrites not in the memo from now on. */
    void allow(int fresh) {
        budget = fresh;
    }

    /** {@code steps} applied to the parent. @throws OutOfBudget when a fresh rewrite is due and none is left */
    Recipe.Applied apply(List<Recipe.Step> steps) {
        if (!memo.containsKey(steps)) {
            if (budget <= 0) {
                throw new OutOfBudget();
            }
            budget--;
        }
        return new Recipe(steps).applyTo(parentSource, byName, memo);
    }

    static <T> List<T> shuffled(List<T> items, RandomGenerator random) {
        List<T> out = new ArrayList<>(items);
        for (int i = out.size() - 1; i > 0; i--) {
            Collections.swap(out, i, random.nextInt(i + 1));
        }
        return out;
    }

    /** Ends a call that has made its share of fresh rewrites. */
    static final class OutOfBudget extends RuntimeException {
        OutOfBudget() {
            super(null, null, false, false);
        }
    }
}
