package dev.evolve.engine.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.mutate.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecipeSearchTest {

    /** Appends its letter and knob; declines when the letter is already there twice. */
    record Append(String letter) implements Rewrite {
        @Override public String name() { return letter; }
        @Override public String description() { return "append " + letter; }
        @Override public List<Integer> knobs() { return List.of(1, 2, 3); }
        @Override public Optional<String> apply(String source, int knob) {
            return source.chars().filter(c -> c == letter.charAt(0)).count() >= 2
                    ? Optional.empty() : Optional.of(source + letter + knob);
        }
    }

    private static final List<Rewrite> LIBRARY = List.of(new Append("a"), new Append("b"), new Append("c"));

    /** Scores children by how many 'c3' they hold: the search must discover them. */
    private static double score(String source) {
        return 1 + source.split("c3", -1).length - 1;
    }

    private static List<String> proposalsOf(long seed) throws InterruptedException {
        var search = new RecipeSearch(LIBRARY, RecipeSearch.Config.DEFAULT);
        List<String> seen = new ArrayList<>();
        search.run("", 1.0, new SplittableRandom(seed), batch -> {
            List<Double> out = new ArrayList<>();
            for (var p : batch) {
                seen.add(p.child().source());
                out.add(score(p.child().source()));
            }
            return out;
        }, () -> false);
        return seen;
    }

    @Test
    void sameSeedAndScoresProposeTheSameChildrenInTheSameOrder() throws InterruptedException {
        assertThat(proposalsOf(7)).isEqualTo(proposalsOf(7)).isNotEmpty();
        assertThat(proposalsOf(7)).isNotEqualTo(proposalsOf(8));
    }

    @Test
    void searchImprovesOnTheParent() throws InterruptedException {
        var config = new RecipeSearch.Config(4, 12, 8, 4, 0.3, 0.3, 3);
        var search = new RecipeSearch(LIBRARY, config);
        var result = search.run("", 1.0, new SplittableRandom(1), batch ->
                batch.stream().map(p -> score(p.child().source())).toList(), () -> false);
        assertThat(result.bestScore()).isGreaterThanOrEqualTo(2.0);
        assertThat(result.bestRecipe().steps()).anyMatch(s -> s.rewrite().equals("c") && s.knob() == 3);
        assertThat(result.generations()).isBetween(1L, 8L);
    }

    @Test
    void stopEndsTheEpisodeWithTheGenerationUnderWay() throws InterruptedException {
        var search = new RecipeSearch(LIBRARY, RecipeSearch.Config.DEFAULT);
        var result = search.run("", 1.0, new SplittableRandom(3), batch ->
                batch.stream().map(p -> 1.0).toList(), () -> true);
        assertThat(result.generations()).isZero();
        assertThat(result.proposals()).isPositive();
    }

    @Test
    void interruptionPropagates() {
        var search = new RecipeSearch(LIBRARY, RecipeSearch.Config.DEFAULT);
        assertThatThrownBy(() -> search.run("", 1.0, new SplittableRandom(3), batch -> {
            throw new InterruptedException("stop");
        }, () -> false)).isInstanceOf(InterruptedException.class);
    }

    @Test
    void recipesSkipStepsThatDoNotApplyAndNameTheOnesThatDid() {
        var byName = Map.<String, Rewrite>of("a", new Append("a"));
        var applied = new Recipe(List.of(new Recipe.Step("a", 1), new Recipe.Step("a", 2), new Recipe.Step("a", 3),
                new Recipe.Step("missing", 0))).applyTo("", byName);
        assertThat(applied.source()).isEqualTo("a1a2");
        assertThat(applied.origin()).isEqualTo("ast:a(1)+a(2)");
    }

    @Test
    void memoizedPrefixesGiveTheSameChildrenWithFewerRewrites() {
        int[] calls = {0};
        Rewrite counting = new Rewrite() {
            @Override public String name() { return "x"; }
            @Override public String description() { return "counts"; }
            @Override public List<Integer> knobs() { return List.of(1, 2); }
            @Override public Optional<String> apply(String source, int knob) {
                calls[0]++;
                return Optional.of(source + "x" + knob);
            }
        };
        var byName = Map.of("x", counting);
        var memo = new java.util.HashMap<List<Recipe.Step>, Recipe.Applied>();
        var r1 = new Recipe(List.of(new Recipe.Step("x", 1), new Recipe.Step("x", 2), new Recipe.Step("x", 1)));
        var r2 = new Recipe(List.of(new Recipe.Step("x", 1), new Recipe.Step("x", 2), new Recipe.Step("x", 2)));
        assertThat(r1.applyTo("s", byName, memo)).isEqualTo(r1.applyTo("s", byName));
        calls[0] = 0;
        var second = r2.applyTo("s", byName, memo);
        assertThat(calls[0]).isEqualTo(1);                       // the two shared steps came from the memo
        assertThat(second).isEqualTo(r2.applyTo("s", byName));
        assertThat(second.origin()).isEqualTo("ast:x(1)+x(2)+x(2)");
    }

    /** A rewrite with twenty knob values, more than the default eight knob slots. */
    record ManyKnobs() implements Rewrite {
        @Override public String name() { return "many"; }
        @Override public String description() { return "twenty knobs"; }
        @Override public List<Integer> knobs() {
            return java.util.stream.IntStream.range(0, 20).map(k -> 100 + 7 * k).boxed().toList();
        }
        @Override public Optional<String> apply(String source, int knob) { return Optional.of(source + knob); }
    }

    @Test
    void everyKnobValueOfEveryRewriteCanBeProposed() throws InterruptedException {
        var search = new RecipeSearch(List.of(new Append("a"), new ManyKnobs()), RecipeSearch.Config.DEFAULT);
        assertThat(search.knobSlots()).isEqualTo(20);
        java.util.Set<Integer> many = new java.util.TreeSet<>();
        java.util.Set<Integer> few = new java.util.TreeSet<>();
        for (int gene = 0; gene < search.knobSlots(); gene++) {
            many.add(RecipeSearch.knobFor(new ManyKnobs().knobs(), gene, search.knobSlots()));
            few.add(RecipeSearch.knobFor(List.of(1, 2, 3), gene, search.knobSlots()));
        }
        assertThat(many).containsExactlyElementsOf(new ManyKnobs().knobs());
        assertThat(few).containsExactly(1, 2, 3);
        // and the real search proposes the high knob values too, which the old modulo-8 decoding never did
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 12; seed++) {
            search.run("", 1.0, new SplittableRandom(seed), batch -> {
                batch.forEach(p -> p.recipe().steps().forEach(st -> seen.add(st.rewrite() + st.knob())));
                return batch.stream().map(p -> 1.0).toList();
            }, () -> false);
        }
        assertThat(seen).anyMatch(s -> s.startsWith("many") && Integer.parseInt(s.substring(4)) > 100 + 7 * 7);
    }

    /** Applies only right after {@code after} (the empty string: only to the bare parent), appending its letter. */
    record After(String after, String letter) implements Rewrite {
        @Override public String name() { return letter; }
        @Override public String description() { return letter + " after " + after; }
        @Override public List<Integer> knobs() { return List.of(0); }
        @Override public Optional<String> apply(String source, int knob) {
            return source.equals("p" + after) ? Optional.of(source + letter) : Optional.empty();
        }
    }

    @Test
    void theFirstGenerationIsBuiltFromStepsThatApplySoLongChainsAreProposed() throws InterruptedException {
        // a three-step chain hidden among twelve rewrites that never apply: uniform genes would name it
        // in order about once in 15^3 recipes
        List<Rewrite> library = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            library.add(new After("never", "x" + i));
        }
        library.addAll(List.of(new After("", "a"), new After("a", "b"), new After("ab", "c")));
        var config = new RecipeSearch.Config(4, 8, 1, 1, 0.25, 0.3, 8);
        for (long seed = 0; seed < 4; seed++) {
            List<String> first = new ArrayList<>();
            new RecipeSearch(library, config).run("p", 1.0, new SplittableRandom(seed), batch -> {
                if (first.isEmpty()) {
                    batch.forEach(pr -> first.add(pr.child().source()));
                }
                return batch.stream().map(pr -> 1.0 + pr.child().source().length()).toList();
            }, () -> false);
            assertThat(first).as("seed %d", seed).isNotEmpty().allMatch(c -> c.equals("pa") || c.equals("pab") || c.equals("pabc"));
            assertThat(first).as("seed %d", seed).contains("pabc");
        }
    }

    @Test
    void mutationRegrowsChainsFromStepsThatApply() throws InterruptedException {
        List<Rewrite> library = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            library.add(new After("never", "x" + i));
        }
        library.addAll(List.of(new After("", "a"), new After("a", "b"), new After("ab", "c"), new After("a", "d")));
        var config = new RecipeSearch.Config(4, 8, 6, 6, 0.9, 0.0, 8);      // no crossover: every new child is a mutant
        for (long seed = 0; seed < 4; seed++) {
            List<RecipeSearch.Proposal> all = new ArrayList<>();
            var result = new RecipeSearch(library, config).run("p", 1.0, new SplittableRandom(seed), batch -> {
                all.addAll(batch);
                return batch.stream().map(pr -> pr.child().source().endsWith("d") ? 10.0 : 1.0).toList();
            }, () -> false);
            assertThat(result.generations()).isGreaterThan(1);
            assertThat(all).as("seed %d", seed).allSatisfy(pr -> assertThat(pr.child().applied()).isEqualTo(pr.recipe().steps()));
        }
    }

    @Test
    void chainsAreGrownPastChildrenTheDatabaseHoldsAlready() throws InterruptedException {
        // around a parent searched before, every short chain rebuilds a stored program: the new ones are deeper
        List<Rewrite> library = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            library.add(new After("never", "x" + i));
        }
        library.addAll(List.of(new After("", "a"), new After("a", "b"), new After("a", "y"), new After("ab", "c"),
                new After("ay", "z")));
        java.util.Set<String> stored = java.util.Set.of("pa", "pab", "pay");
        var config = new RecipeSearch.Config(4, 8, 1, 1, 0.25, 0.3, 8);
        for (long seed = 0; seed < 4; seed++) {
            List<String> first = new ArrayList<>();
            List<String> without = new ArrayList<>();
            new RecipeSearch(library, config).run("p", 1.0, new SplittableRandom(seed), batch -> {
                batch.forEach(pr -> first.add(pr.child().source()));
                return batch.stream().map(pr -> 1.0).toList();
            }, stored::contains, () -> false);
            new RecipeSearch(library, config).run("p", 1.0, new SplittableRandom(seed), batch -> {
                batch.forEach(pr -> without.add(pr.child().source()));
                return batch.stream().map(pr -> 1.0).toList();
            }, () -> false);
            assertThat(first).as("seed %d", seed).isNotEmpty().allMatch(c -> c.equals("pabc") || c.equals("payz"));
            assertThat(without).as("seed %d: without the database's answer", seed).anyMatch(stored::contains);
        }
    }

    @Test
    void aLastStepTriesOtherKnobValuesBeforeRepeatingAKnownChild() throws InterruptedException {
        var search = new RecipeSearch(List.of(new Append("a")), new RecipeSearch.Config(1, 8, 1, 1, 0.25, 0.0, 3));
        java.util.Set<String> stored = java.util.Set.of("a1", "a2");
        List<String> all = new ArrayList<>();
        for (long seed = 0; seed < 4; seed++) {
            search.run("", 1.0, new SplittableRandom(seed), batch -> {
                batch.forEach(pr -> all.add(pr.child().source()));
                return batch.stream().map(pr -> 1.0).toList();
            }, stored::contains, () -> false);
        }
        // one knob draw makes a3 one time in three; a few draws per step make it most of the time
        long fresh = all.stream().filter("a3"::equals).count();
        assertThat(fresh).as("%s", all).isGreaterThan(all.size() * 2 / 3);
    }

    @Test
    void retuningPrefersAKnobWhoseChildIsNotKnown() {
        List<Rewrite> library = List.of(new Append("a"));
        java.util.Set<String> stored = java.util.Set.of("a1", "a2");
        var memo = new java.util.HashMap<List<Recipe.Step>, Recipe.Applied>();
        var sampler = new ChainSampler(library, Map.of("a", library.getFirst()), 3, 1, "", memo, stored::contains, name -> false,
                List.of());
        var base = io.jenetics.Genotype.of(io.jenetics.IntegerChromosome.of(io.jenetics.IntegerGene.of(1, 0, 2)),
                io.jenetics.IntegerChromosome.of(io.jenetics.IntegerGene.of(0, 0, 3)));
        int fresh = 0;
        for (long seed = 0; seed < 30; seed++) {
            var tuned = RecipeSearch.decode(sampler.retune(base, 0, new SplittableRandom(seed)), library, 3);
            fresh += new Recipe(tuned.steps()).applyTo("", Map.of("a", library.getFirst())).source().equals("a3") ? 1 : 0;
        }
        assertThat(fresh).isGreaterThan(20);                // one draw: about 10 of 30
    }
}
