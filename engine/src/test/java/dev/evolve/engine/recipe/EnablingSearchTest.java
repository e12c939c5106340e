package dev.evolve.engine.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.engine.target.TargetSpecs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EnablingSearchTest {

    /** Appends its letter once (knob 1 or 2), counting its calls. */
    record Letter(String letter, AtomicInteger calls) implements Rewrite {
        Letter(String letter) {
            this(letter, new AtomicInteger());
        }
        @Override public String name() { return letter; }
        @Override public String description() { return "append " + letter; }
        @Override public List<Integer> knobs() { return List.of(1, 2); }
        @Override public Optional<String> apply(String source, int knob) {
            calls.incrementAndGet();
            return source.contains(letter) ? Optional.empty() : Optional.of(source + letter + knob);
        }
    }

    /** A finishing rewrite that applies only once every letter it needs is in the program. */
    record Finisher(String needs) implements Rewrite {
        @Override public String name() { return "F"; }
        @Override public String description() { return "finish after " + needs; }
        @Override public List<Integer> knobs() { return List.of(0, 1, 2, 3); }
        @Override public Optional<String> apply(String source, int knob) {
            boolean open = needs.chars().allMatch(c -> source.indexOf(c) >= 0) && !source.contains("F");
            return open ? Optional.of(source + "F" + knob) : Optional.empty();
        }
    }

    private static Map<String, Rewrite> byName(List<Rewrite> library) {
        Map<String, Rewrite> out = new LinkedHashMap<>();
        library.forEach(r -> out.put(r.name(), r));
        return out;
    }

    private static Optional<List<Recipe.Step>> find(List<Rewrite> library, String parent, Predicate<String> known,
                                                    Map<List<Recipe.Step>, Recipe.Applied> memo, long seed) {
        return new EnablingSearch(library, byName(library), parent, memo, known, "F"::equals)
                .find(new SplittableRandom(seed));
    }

    @Test
    void findsTheTwoEnablingStepsAFinishingRewriteNeeds() {
        List<Rewrite> library = List.of(new Letter("a"), new Letter("p"), new Letter("q"), new Letter("z"), new Finisher("pq"));
        for (long seed = 0; seed < 10; seed++) {
            Optional<List<Recipe.Step>> chain = find(library, "", s -> false, new HashMap<>(), seed);
            assertThat(chain).as("seed %d", seed).isPresent();
            List<String> names = chain.get().stream().map(Recipe.Step::rewrite).toList();
            assertThat(names).hasSize(3).endsWith("F");
            assertThat(names.subList(0, 2)).containsExactlyInAnyOrder("p", "q");
        }
        // one enabling step where one is enough
        List<Rewrite> shallow = List.of(new Letter("a"), new Letter("p"), new Finisher("p"));
        assertThat(find(shallow, "", s -> false, new HashMap<>(), 3).orElseThrow())
                .extracting(Recipe.Step::rewrite).containsExactly("p", "F");
    }

    @Test
    void leavesAFinishingRewriteThatAppliesAlreadyAndNeverProposesAKnownChild() {
        List<Rewrite> library = List.of(new Letter("p"), new Letter("q"), new Finisher("pq"));
        assertThat(find(library, "pq", s -> false, new HashMap<>(), 1)).isEmpty();   // the parent takes F as it is
        // every child the finisher could make after p and q is stored already
        Set<String> stored = Set.of("p1q1F0", "p1q1F1", "p1q1F2", "p1q1F3", "p1q2F0", "p1q2F1", "p1q2F2", "p1q2F3",
                "p2q1F0", "p2q1F1", "p2q1F2", "p2q1F3", "p2q2F0", "p2q2F1", "p2q2F2", "p2q2F3",
                "q1p1F0", "q1p1F1", "q1p1F2", "q1p1F3", "q1p2F0", "q1p2F1", "q1p2F2", "q1p2F3",
                "q2p1F0", "q2p1F1", "q2p1F2", "q2p1F3", "q2p2F0", "q2p2F1", "q2p2F2", "q2p2F3");
        for (long seed = 0; seed < 5; seed++) {
            assertThat(find(library, "", stored::contains, new HashMap<>(), seed)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void eachCallRewritesAtMostItsBudgetAndTheNextGoesOnFromTheMemo() {
        List<Letter> letters = new ArrayList<>();
        for (char c = 'a'; c <= 'y'; c++) {
            letters.add(new Letter(String.valueOf(c)));
        }
        List<Rewrite> library = new ArrayList<>(letters);
        library.add(new Finisher("z"));                 // never opened: nothing makes a 'z'
        Map<List<Recipe.Step>, Recipe.Applied> memo = new HashMap<>();
        int before = 0;
        for (long call = 0; call < 3; call++) {
            assertThat(find(library, "", s -> false, memo, call)).isEmpty();
            int calls = letters.stream().mapToInt(l -> l.calls().get()).sum();
            assertThat(calls - before).as("call %d", call).isPositive().isLessThanOrEqualTo(EnablingSearch.FRESH_APPLIES);
            before = calls;
        }
        assertThat(memo.size()).isGreaterThan(2 * EnablingSearch.FRESH_APPLIES);
    }

    @Test
    void anEpisodeProposesTheOpenedChainInItsFirstGeneration() throws InterruptedException {
        List<Rewrite> library = List.of(new Letter("a"), new Letter("b"), new Letter("p"), new Letter("q"), new Finisher("pq"));
        var config = new RecipeSearch.Config(4, 4, 1, 1, 0.0, 0.0, 4);
        List<String> seen = new ArrayList<>();
        new RecipeSearch(library, config, "F"::equals).run("", 1.0, new SplittableRandom(5), batch -> {
            batch.forEach(p -> seen.add(p.child().source()));
            return batch.stream().map(p -> 1.0).toList();
        }, () -> false);
        // the opened chain leads the first generation: p and q in either order, then F
        assertThat(seen.getFirst()).matches("(p\\dq\\d|q\\dp\\d)F\\d");
    }

    @Test
    void opensAParallelVectorTileOnTheBlurSeed() {
        KernelTarget blur = (KernelTarget) TargetSpecs.load(Path.of("..", "kernels", "examples", "blur3x3"));
        List<Rewrite> library = RewriteLibrary.forTarget(blur);
        Map<List<Recipe.Step>, Recipe.Applied> memo = new HashMap<>();
        var search = new EnablingSearch(library, byName(library), blur.seedSource(), memo, s -> false,
                RewriteLibrary::finishing);
        SplittableRandom random = new SplittableRandom(42);
        Optional<List<Recipe.Step>> chain = Optional.empty();
        for (int call = 0; call < 12 && chain.isEmpty(); call++) {
            chain = search.find(random);
        }
        assertThat(chain).isPresent();
        Recipe.Step last = chain.get().getLast();
        assertThat(RewriteLibrary.finishing(last.rewrite())).isTrue();
        // the seed refuses that finishing rewrite at every knob; after the chain's enabling steps it applies
        Rewrite finisher = library.stream().filter(r -> r.name().equals(last.rewrite())).findFirst().orElseThrow();
        assertThat(finisher.knobs()).allMatch(k -> finisher.apply(blur.seedSource(), k).isEmpty());
        Recipe.Applied child = new Recipe(chain.get()).applyTo(blur.seedSource(), byName(library));
        assertThat(child.applied()).isEqualTo(chain.get());
    }
}
