package dev.evolve.engine.recipe;

import dev.evolve.engine.mutate.Rewrite;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Grows recipes one step at a time from rewrites that change the program so far.
 *
 * <p>Uniformly random genes mostly name rewrites that do not apply to the parent (a library of twenty
 * rewrites, of which a kernel's shape admits a handful at each point), so chains of three or four real
 * steps (tile, then vectorize, then parallelize) would be proposed rarely. Here each new step is drawn
 * among the rewrites, at a random knob value, that change the result of the steps before it: rewrites
 * are tried in a random order until one does. Results are shared through the episode's memo of recipe
 * prefixes, so a step tried once around a parent is not rewritten again.
 */
final class ChainSampler {

    private final List<Rewrite> library;
    private final Map<String, Rewrite> byName;
    private final int knobSlots;
    private final int length;

    ChainSampler(List<Rewrite> library, Map<String, Rewrite> byName, int knobSlots, int length) {
        this.library = library;
        this.byName = byName;
        this.knobSlots = knobSlots;
        this.length = length;
    }

    /**
     * A genotype that keeps {@code base}'s genes before position {@code from} (none when {@code base} is
     * null) and grows 1 to {@code length - from} applicable steps after them; the positions left over skip.
     */
    Genotype<IntegerGene> grow(String parentSource, Genotype<IntegerGene> base, int from, RandomGenerator random,
                               Map<List<Recipe.Step>, Recipe.Applied> memo) {
        List<IntegerGene> which = new ArrayList<>();
        List<IntegerGene> knob = new ArrayList<>();
        List<Recipe.Step> steps = new ArrayList<>();
        for (int i = 0; i < from; i++) {
            IntegerGene w = base.get(0).get(i);
            IntegerGene k = base.get(1).get(i);
            which.add(w);
            knob.add(k);
            if (w.intValue() > 0) {
                Rewrite r = library.get(w.intValue() - 1);
                steps.add(new Recipe.Step(r.name(), RecipeSearch.knobFor(r.knobs(), k.intValue(), knobSlots)));
            }
        }
        int applied = new Recipe(steps).applyTo(parentSource, byName, memo).applied().size();
        int wanted = applied + 1 + random.nextInt(length - from);
        for (int i = from; i < length; i++) {
            int chosen = 0;
            int gene = random.nextInt(knobSlots);
            if (applied < wanted) {
                int[] genes = random.ints(library.size(), 0, knobSlots).toArray();
                for (int w : shuffledIndices(random)) {
                    Rewrite r = library.get(w);
                    steps.add(new Recipe.Step(r.name(), RecipeSearch.knobFor(r.knobs(), genes[w], knobSlots)));
                    if (new Recipe(steps).applyTo(parentSource, byName, memo).applied().size() > applied) {
                        chosen = w + 1;
                        gene = genes[w];
                        applied++;
                        break;
                    }
                    steps.removeLast();
                }
            }
            which.add(IntegerGene.of(chosen, 0, library.size() + 1));
            knob.add(IntegerGene.of(gene, 0, knobSlots));
        }
        return Genotype.of(IntegerChromosome.of(which), IntegerChromosome.of(knob));
    }

    /** {@code base} with a new random knob gene at {@code position}. */
    Genotype<IntegerGene> retune(Genotype<IntegerGene> base, int position, RandomGenerator random) {
        List<IntegerGene> knob = new ArrayList<>(base.get(1).stream().toList());
        knob.set(position, IntegerGene.of(random.nextInt(knobSlots), 0, knobSlots));
        return Genotype.of(base.get(0), IntegerChromosome.of(knob));
    }

    private List<Integer> shuffledIndices(RandomGenerator random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, library.size()).boxed().toList());
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order;
    }
}
