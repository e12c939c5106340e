package dev.evolve.engine.recipe;

import dev.evolve.engine.mutate.Rewrite;
import io.jenetics.EliteSelector;
import io.jenetics.Genotype;
import io.jenetics.IntegerChromosome;
import io.jenetics.IntegerGene;
import io.jenetics.Phenotype;
import io.jenetics.SinglePointCrossover;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.engine.EvolutionStatistics;
import io.jenetics.engine.Limits;
import io.jenetics.stat.DoubleMomentStatistics;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * One episode of recipe search around a parent program, run by a Jenetics {@link Engine}.
 *
 * <p>A genotype holds two integer chromosomes of equal length: which rewrite each step applies
 * (0 skips the step) and a knob gene that is scaled onto that rewrite's knob values. The knob gene
 * has as many values as the largest knob list of the library (at least {@link Config#knobSlots()}),
 * so every knob value of every rewrite can be proposed (register-block's 144 as well as 41). Fitness is the child's score
 * (speedup over the seed; 0 for a failed child). Jenetics' selectors and alterers do the search;
 * the batch of new proposals of each generation goes to the {@link BatchScorer} at once, so that
 * the caller can evaluate them in parallel. The engine's own steps run on the calling thread, so
 * given the same scores the same recipes are proposed in the same order.
 *
 * <pre>{@code
 * var search = new RecipeSearch(RewriteLibrary.forMatmul(), RecipeSearch.Config.DEFAULT);
 * EpisodeResult r = search.run(parent.source(), parent.score(), rnd, proposals -> scores, () -> budget.spent());
 * }</pre>
 */
public final class RecipeSearch {

    /** Parents whose rewrite results are kept between episodes. */
    static final int REMEMBERED_PARENTS = 8;
    /** Recipe prefixes remembered per parent at most (each holds a program's source). */
    private static final int MAX_MEMO_ENTRIES = 4096;

    /**
     * Episode shape. Small populations: every fitness evaluation is a compiled and timed program. The first
     * generation holds a chain that opens a refused rewrite ({@link EnablingSearch}) and a filled sketch
     * ({@link SketchSearch}) where the parent has them, and is grown from rewrites that apply for the rest
     * ({@link ChainSampler}); {@code mutationRate} is the chance
     * that an offspring is altered by {@link ChainMutator} (its tail regrown, or one knob changed).
     */
    public record Config(int recipeLength, int populationSize, int maxGenerations, int steadyGenerations,
                         double mutationRate, double crossoverRate, int knobSlots) {
        public static final Config DEFAULT = new Config(4, 8, 4, 2, 0.7, 0.3, 8);

        public Config {
            if (recipeLength < 1) throw new IllegalArgumentException("recipeLength must be >= 1: " + recipeLength);
            if (populationSize < 2) throw new IllegalArgumentException("populationSize must be >= 2: " + populationSize);
            if (maxGenerations < 1) throw new IllegalArgumentException("maxGenerations must be >= 1: " + maxGenerations);
            if (steadyGenerations < 1) throw new IllegalArgumentException("steadyGenerations must be >= 1: " + steadyGenerations);
            if (!(mutationRate >= 0 && mutationRate <= 1)) throw new IllegalArgumentException("mutationRate must be in [0, 1]: " + mutationRate);
            if (!(crossoverRate >= 0 && crossoverRate <= 1)) throw new IllegalArgumentException("crossoverRate must be in [0, 1]: " + crossoverRate);
            if (knobSlots < 1) throw new IllegalArgumentException("knobSlots must be >= 1: " + knobSlots);
        }
    }

    /** A recipe and the child it made from the parent. */
    public record Proposal(Recipe recipe, Recipe.Applied child) {
    }

    /** Scores proposals (children that differ from the parent), one score per proposal, in order. */
    @FunctionalInterface
    public interface BatchScorer {
        List<Double> score(List<Proposal> proposals) throws InterruptedException;
    }

    /** What an episode did, for the event log. */
    public record EpisodeResult(long generations, int proposals, double bestScore, Recipe bestRecipe,
                                double meanScore, int altered) {
    }

    private final List<Rewrite> library;
    private final Map<String, Rewrite> byName;
    private final Config config;
    private final int knobSlots;
    /** Names the rewrites that make parallel or vector code, which {@link EnablingSearch} opens when refused. */
    private final Predicate<String> finishing;
    /** Orders of rewrites that build a good shape together ({@link SketchSearch}), each tried in a first generation. */
    private final List<List<SketchSearch.SketchStep>> sketches;
    /** Rewrite results around the parents of the last episodes, most recent last: parents are picked again. */
    private final Map<String, ParentMemo> memos = new LinkedHashMap<>(16, 0.75f, true);

    public RecipeSearch(List<Rewrite> library, Config config) {
        this(library, config, name -> false);
    }

    /**
     * A search whose first generation of each episode starts with a chain that opens one of the {@code finishing}
     * rewrites (by name) when the parent refuses it and one or two other rewrites make it apply.
     */
    public RecipeSearch(List<Rewrite> library, Config config, Predicate<String> finishing) {
        this(library, config, finishing, List.of());
    }

    /**
     * As {@link #RecipeSearch(List, Config, Predicate)}, and the first generation of each episode also holds one of
     * the {@code sketches} (orders of rewrite names, such as tile, parallelize, unroll-and-jam) filled with knob
     * values at which each step applies to the parent; a sketch naming a rewrite the library lacks, or a knob the
     * rewrite does not define, is never tried.
     *
     * @throws IllegalArgumentException when a sketch step is not {@code "name"} or {@code "name:k1,k2,..."}
     */
    public RecipeSearch(List<Rewrite> library, Config config, Predicate<String> finishing,
                        List<List<String>> sketches) {
        this.finishing = finishing;
        if (library.isEmpty()) {
            throw new IllegalArgumentException("a recipe search needs at least one rewrite");
        }
        this.library = List.copyOf(library);
        this.byName = new LinkedHashMap<>();
        for (Rewrite r : this.library) {
            if (byName.put(r.name(), r) != null) {
                throw new IllegalArgumentException("duplicate rewrite name " + r.name());
            }
        }
        this.sketches = SketchSearch.parse(sketches, byName);
        this.config = config;
        this.knobSlots = Math.max(config.knobSlots(),
                this.library.stream().mapToInt(r -> r.knobs().size()).max().orElse(1));
    }

    /**
     * What is kept about {@code parentSource} (the memo of recipe prefixes applied to it, the misses of the searches
     * that open a first generation), for the last {@value #REMEMBERED_PARENTS} parents: an elite is the parent of
     * many episodes, and each step is a parse and a print.
     */
    private synchronized ParentMemo memoFor(String parentSource) {
        var memo = memos.computeIfAbsent(parentSource, p -> new ParentMemo());
        if (memo.steps().size() > MAX_MEMO_ENTRIES) {
            memo.steps().clear();                       // bounds the memory a much-picked parent holds
        }
        if (memos.size() > REMEMBERED_PARENTS) {
            memos.remove(memos.keySet().iterator().next());
        }
        return memo;
    }

    /** How many values the knob gene takes: enough for the rewrite with the most knob values. */
    int knobSlots() {
        return knobSlots;
    }

    /**
     * The knob value a gene picks: the gene's range is scaled onto the rewrite's knob list, so each
     * value is reachable and short lists are hit evenly.
     */
    static int knobFor(List<Integer> knobs, int gene, int slots) {
        List<Integer> values = knobs.isEmpty() ? List.of(0) : knobs;
        int index = (int) ((long) Math.floorMod(gene, slots) * values.size() / slots);
        return values.get(Math.min(index, values.size() - 1));
    }

    /** Decodes a genotype into a recipe (skip genes are dropped). */
    Recipe decode(Genotype<IntegerGene> gt) {
        return decode(gt, library, knobSlots);
    }

    /** Decodes a genotype over {@code library} with knob genes of {@code slots} values. */
    static Recipe decode(Genotype<IntegerGene> gt, List<Rewrite> library, int slots) {
        var which = gt.get(0);
        var knob = gt.get(1);
        List<Recipe.Step> steps = new ArrayList<>();
        for (int i = 0; i < which.length(); i++) {
            int w = which.get(i).intValue();
            if (w == 0) {
                continue;
            }
            Rewrite r = library.get(w - 1);
            steps.add(new Recipe.Step(r.name(), knobFor(r.knobs(), knob.get(i).intValue(), slots)));
        }
        return new Recipe(steps);
    }

    /**
     * Runs one episode. Stops after {@link Config#maxGenerations()}, when the best score has not
     * improved for {@link Config#steadyGenerations()}, or as soon as {@code stop} says so.
     *
     * @throws InterruptedException when the scorer was interrupted; nothing more is proposed
     */
    public EpisodeResult run(String parentSource, double parentScore, RandomGenerator random,
                             BatchScorer scorer, BooleanSupplier stop) throws InterruptedException {
        return run(parentSource, parentScore, random, scorer, source -> false, stop);
    }

    /**
     * As {@link #run(String, double, RandomGenerator, BatchScorer, BooleanSupplier)}, steering new recipes away
     * from children that {@code known} says are stored already (the caller's database): around a parent searched
     * before, those would only be filed as duplicates.
     */
    public EpisodeResult run(String parentSource, double parentScore, RandomGenerator random,
                             BatchScorer scorer, Predicate<String> known, BooleanSupplier stop)
            throws InterruptedException {
        var factory = Genotype.of(
                IntegerChromosome.of(0, library.size() + 1, config.recipeLength()),   // upper bounds exclusive
                IntegerChromosome.of(0, knobSlots, config.recipeLength()));
        int[] proposals = {0};
        ParentMemo parent = memoFor(parentSource);
        Map<List<Recipe.Step>, Recipe.Applied> memo = parent.steps();
        Set<String> proposed = ConcurrentHashMap.newKeySet();
        var chains = new ChainSampler(library, byName, knobSlots, config.recipeLength(), parentSource, memo,
                source -> source.equals(parentSource) || proposed.contains(source) || known.test(source), finishing,
                sketches);
        io.jenetics.engine.Evaluator<IntegerGene, Double> evaluator =
                population -> evaluate(population, parentSource, parentScore, scorer, proposals, memo, proposed);
        Engine<IntegerGene, Double> engine = new Engine.Builder<>(evaluator, factory)
                .populationSize(config.populationSize())
                .offspringSelector(new TournamentSelector<>(2))
                .survivorsSelector(new EliteSelector<>(1))
                .alterers(new ChainMutator(chains, config.mutationRate()),
                        new SinglePointCrossover<>(config.crossoverRate()))
                .executor(Runnable::run)                      // determinism: every random draw on this thread
                .maximizing()
                .build();
        EvolutionStatistics<Double, DoubleMomentStatistics> stats = EvolutionStatistics.ofNumber();
        try {
            List<Genotype<IntegerGene>> start = new ArrayList<>();
            parent.enabling(() -> chains.enabled(random)).ifPresent(start::add);
            parent.sketch(() -> chains.sketched(random)).ifPresent(start::add);
            while (start.size() < config.populationSize()) {
                start.add(chains.grow(null, 0, random));
            }
            EvolutionResult<IntegerGene, Double> best = RandomRegistry.with(random, r -> engine.stream(start)
                    .limit(result -> !stop.getAsBoolean())
                    .limit(Limits.bySteadyFitness(config.steadyGenerations()))
                    .limit(config.maxGenerations())
                    .peek(stats)
                    .collect(EvolutionResult.toBestEvolutionResult()));
            if (best == null) {                        // stopped before a generation completed
                return new EpisodeResult(0, proposals[0], parentScore, new Recipe(List.of()), parentScore, 0);
            }
            Phenotype<IntegerGene, Double> top = best.bestPhenotype();
            return new EpisodeResult(best.totalGenerations(), proposals[0], top.fitness(),
                    decode(top.genotype()), stats.fitness().mean(), (int) stats.altered().sum());
        } catch (ScorerInterrupted e) {
            throw e.cause;
        }
    }

    private ISeq<Phenotype<IntegerGene, Double>> evaluate(Seq<Phenotype<IntegerGene, Double>> population,
                                                         String parentSource, double parentScore,
                                                         BatchScorer scorer, int[] proposals,
                                                         Map<List<Recipe.Step>, Recipe.Applied> memo,
                                                         Set<String> proposed) {
        List<Proposal> batch = new ArrayList<>();
        List<Integer> batchIndex = new ArrayList<>();
        double[] fitness = new double[population.size()];
        // Rewriting is pure and the evaluators are idle between generations: make the children in parallel.
        Recipe[] recipes = new Recipe[population.size()];
        Recipe.Applied[] children = new Recipe.Applied[population.size()];
        for (int i = 0; i < population.size(); i++) {
            if (!population.get(i).isEvaluated()) {
                recipes[i] = decode(population.get(i).genotype());
            }
        }
        java.util.stream.IntStream.range(0, recipes.length).parallel().filter(i -> recipes[i] != null)
                .forEach(i -> children[i] = recipes[i].applyTo(parentSource, byName, memo));
        for (int i = 0; i < population.size(); i++) {
            var pt = population.get(i);
            if (pt.isEvaluated()) {
                continue;
            }
            Recipe recipe = recipes[i];
            Recipe.Applied child = children[i];
            if (!child.changed()) {
                fitness[i] = parentScore;           // nothing to evaluate: the parent itself
            } else {
                batch.add(new Proposal(recipe, child));
                batchIndex.add(i);
                proposed.add(child.source());
            }
        }
        if (!batch.isEmpty()) {
            List<Double> scores;
            try {
                scores = scorer.score(batch);
            } catch (InterruptedException e) {
                throw new ScorerInterrupted(e);
            }
            if (scores.size() != batch.size()) {
                throw new IllegalStateException("scorer returned " + scores.size() + " scores for " + batch.size() + " proposals");
            }
            for (int j = 0; j < batch.size(); j++) {
                double s = scores.get(j);
                fitness[batchIndex.get(j)] = Double.isFinite(s) && s > 0 ? s : 0.0;
            }
            proposals[0] += batch.size();
        }
        List<Phenotype<IntegerGene, Double>> out = new ArrayList<>(population.size());
        for (int i = 0; i < population.size(); i++) {
            var pt = population.get(i);
            out.add(pt.isEvaluated() ? pt : pt.withFitness(fitness[i]));
        }
        return ISeq.of(out);
    }

    /** Carries an interruption through Jenetics' stream, which takes no checked exceptions. */
    private static final class ScorerInterrupted extends RuntimeException {
        final InterruptedException cause;

        ScorerInterrupted(InterruptedException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
