package dev.evolve.engine.recipe;

import dev.evolve.engine.mutate.Rewrite;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Grows recipes one step at a time from rewrites that change the program so far, towards children not yet known.
 *
 * <p>Uniformly random genes mostly name rewrites that do not apply to the parent (a library of twenty
 * rewrites, of which a kernel's shape admits a handful at each point), so chains of three or four real
 * steps (tile, then vectorize, then parallelize) would be proposed rarely. Here each new step is drawn
 * among the rewrites, at a random knob value, that change the result of the steps before it: rewrites
 * are tried in a random order until one does. Results are shared through the memo of recipe prefixes of
 * the parent, so a step tried once around a parent is not rewritten again.
 *
 * <p>Around a parent that has been searched before, most short chains rebuild programs the database
 * already holds. The last step of a chain is therefore drawn among those that make a program not
 * {@code known} (stored, or proposed earlier in the episode); when every applying step makes a known one,
 * the chain keeps one of them and grows a step further, where new programs are.
 */
final class ChainSampler {

    /** Knob draws {@link #retune} makes at most, looking for a child not yet known. */
    private static final int RETUNE_DRAWS = 4;

    private final List<Rewrite> library;
    private final Map<String, Rewrite> byName;
    private final int knobSlots;
    private final int length;
    private final String parentSource;
    private final Map<List<Recipe.Step>, Recipe.Applied> memo;
    private final Predicate<String> known;
    private final EnablingSearch enabling;
    private final SketchSearch sketches;

    ChainSampler(List<Rewrite> library, Map<String, Rewrite> byName, int knobSlots, int length,
                 String parentSource, Map<List<Recipe.Step>, Recipe.Applied> memo, Predicate<String> known,
                 Predicate<String> finishing, List<List<SketchSearch.SketchStep>> sketches) {
        this.library = library;
        this.byName = byName;
        this.knobSlots = knobSlots;
        this.length = length;
        this.parentSource = parentSource;
        this.memo = memo;
        this.known = known;
        this.enabling = new EnablingSearch(library, byName, parentSource, memo, known, finishing);
        this.sketches = new SketchSearch(byName, sketches, parentSource, memo, known);
    }

    /**
     * A genotype that keeps {@code base}'s genes before position {@code from} (none when {@code base} is
     * null) and grows 1 to {@code length - from} applicable steps after them; the positions left over skip.
     */
    Genotype<IntegerGene> grow(Genotype<IntegerGene> base, int from, RandomGenerator random) {
        List<IntegerGene> which = new ArrayList<>();
        List<IntegerGene> knob = new ArrayList<>();
        List<Recipe.Step> steps = new ArrayList<>();
        for (int i = 0; i < from; i++) {
            IntegerGene w = base.get(0).get(i);
            IntegerGene k = base.get(1).get(i);
            which.add(w);
            knob.add(k);
            if (w.intValue() > 0) {
                steps.add(step(w.intValue() - 1, k.intValue()));
            }
        }
        int applied = apply(steps).applied().size();
        int wanted = applied + 1 + random.nextInt(length - from);
        for (int i = from; i < length; i++) {
            int chosen = -1;
            int gene = random.nextInt(knobSlots);
            if (applied < wanted) {
                boolean last = applied + 1 == wanted;
                int[] genes = random.ints(library.size(), 0, knobSlots).toArray();
                int fallback = -1;
                for (int w : shuffledIndices(random)) {
                    if (newChild(steps, w, genes, applied, last, random)) {
                        chosen = w;
                        break;
                    }
                    if (fallback < 0 && last && apply(withStep(steps, w, genes[w])).applied().size() > applied) {
                        fallback = w;
                    }
                }
                if (chosen < 0 && fallback >= 0) {
                    chosen = fallback;
                    if (i + 1 < length) {
                        wanted++;                     // every applying last step repeats a known program: go deeper
                    }
                }
                if (chosen >= 0) {
                    gene = genes[chosen];
                    steps.add(step(chosen, gene));
                    applied++;
                }
            }
            which.add(IntegerGene.of(chosen + 1, 0, library.size() + 1));
            knob.add(IntegerGene.of(gene, 0, knobSlots));
        }
        return Genotype.of(IntegerChromosome.of(which), IntegerChromosome.of(knob));
    }

    /**
     * A chain of enabling steps and a finishing rewrite that the parent refuses ({@link EnablingSearch}), as a
     * genotype whose positions after the chain skip; empty when none is found (or the chain is too long).
     */
    Optional<Genotype<IntegerGene>> enabled(RandomGenerator random) {
        return enabling.find(random).flatMap(this::genotypeOf);
    }

    /** A sketch filled with knob values at which each step applies ({@link SketchSearch}); empty when none is. */
    Optional<Genotype<IntegerGene>> sketched(RandomGenerator random) {
        return sketches.find(random).flatMap(this::genotypeOf);
    }

    /** {@code chain} as a genotype whose positions after it skip; empty when the chain is longer than a recipe. */
    private Optional<Genotype<IntegerGene>> genotypeOf(List<Recipe.Step> chain) {
        if (chain.size() > length) {
            return Optional.empty();
        }
        List<IntegerGene> which = new ArrayList<>();
        List<IntegerGene> knob = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int w = 0;
            int gene = 0;
            if (i < chain.size()) {
                Recipe.Step step = chain.get(i);
                Rewrite r = byName.get(step.rewrite());
                w = library.indexOf(r) + 1;
                gene = geneFor(r, step.knob());
            }
            which.add(IntegerGene.of(w, 0, library.size() + 1));
            knob.add(IntegerGene.of(gene, 0, knobSlots));
        }
        return Optional.of(Genotype.of(IntegerChromosome.of(which), IntegerChromosome.of(knob)));
    }

    /** The first knob gene that scales onto {@code knob} for rewrite {@code r}. */
    private int geneFor(Rewrite r, int knob) {
        for (int gene = 0; gene < knobSlots; gene++) {
            if (RecipeSearch.knobFor(r.knobs(), gene, knobSlots) == knob) {
                return gene;
            }
        }
        throw new IllegalArgumentException(r.name() + " has no knob " + knob);
    }

    /**
     * Whether rewrite {@code w} changes the program after {@code steps} (and, for a chain's {@code last} step,
     * makes a program not known, trying a few knob values): {@code genes[w]} is set to the knob gene that does.
     */
    private boolean newChild(List<Recipe.Step> steps, int w, int[] genes, int applied, boolean last,
                             RandomGenerator random) {
        for (int attempt = 0; attempt < (last ? RETUNE_DRAWS : 1); attempt++) {
            int gene = attempt == 0 ? genes[w] : random.nextInt(knobSlots);
            Recipe.Applied child = apply(withStep(steps, w, gene));
            if (child.applied().size() <= applied) {
                return false;                       // the rewrite does not apply here (at any knob, as a rule)
            }
            if (!last || !known.test(child.source())) {
                genes[w] = gene;
                return true;
            }
        }
        return false;
    }

    private List<Recipe.Step> withStep(List<Recipe.Step> steps, int w, int gene) {
        List<Recipe.Step> longer = new ArrayList<>(steps);
        longer.add(step(w, gene));
        return longer;
    }

    /**
     * {@code base} with a new random knob gene at {@code position}: the first of a few draws whose child is not
     * known, else the last draw.
     */
    Genotype<IntegerGene> retune(Genotype<IntegerGene> base, int position, RandomGenerator random) {
        List<IntegerGene> knob = new ArrayList<>(base.get(1).stream().toList());
        Genotype<IntegerGene> tuned = base;
        for (int attempt = 0; attempt < RETUNE_DRAWS; attempt++) {
            knob.set(position, IntegerGene.of(random.nextInt(knobSlots), 0, knobSlots));
            tuned = Genotype.of(base.get(0), IntegerChromosome.of(knob));
            Recipe.Applied child = apply(RecipeSearch.decode(tuned, library, knobSlots).steps());
            if (child.changed() && !known.test(child.source())) {
                break;
            }
        }
        return tuned;
    }

    private Recipe.Step step(int rewrite, int gene) {
        Rewrite r = library.get(rewrite);
        return new Recipe.Step(r.name(), RecipeSearch.knobFor(r.knobs(), gene, knobSlots));
    }

    private Recipe.Applied apply(List<Recipe.Step> steps) {
        return new Recipe(steps).applyTo(parentSource, byName, memo);
    }

    private List<Integer> shuffledIndices(RandomGenerator random) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, library.size()).boxed().toList());
        for (int i = order.size() - 1; i > 0; i--) {
            Collections.swap(order, i, random.nextInt(i + 1));
        }
        return order;
    }
}
