package dev.evolve.engine.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.mutate.Rewrite;
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

class SketchSearchTest {

    /** Appends its letter once, at the one knob of 1 to 8 it takes ({@code takes}, or any when 0), counting calls. */
    record Letter(String letter, int takes, AtomicInteger calls) implements Rewrite {
        Letter(String letter, int takes) {
            this(letter, takes, new AtomicInteger());
        }
        @Override public String name() { return letter; }
        @Override public String description() { return "append " + letter; }
        @Override public List<Integer> knobs() { return List.of(1, 2, 3, 4, 5, 6, 7, 8); }
        @Override public Optional<String> apply(String source, int knob) {
            calls.incrementAndGet();
            boolean applies = !source.contains(letter) && (takes == 0 || knob == takes);
            return applies ? Optional.of(source + letter + knob) : Optional.empty();
        }
    }

    private static Map<String, Rewrite> byName(List<? extends Rewrite> library) {
        Map<String, Rewrite> out = new LinkedHashMap<>();
        library.forEach(r -> out.put(r.name(), r));
        return out;
    }

    private static Optional<List<Recipe.Step>> find(List<? extends Rewrite> library, List<List<String>> sketches,
                                                    String parent, Predicate<String> known,
                                                    Map<List<Recipe.Step>, Recipe.Applied> memo, long seed) {
        Map<String, Rewrite> byName = byName(library);
        return new SketchSearch(byName, SketchSearch.parse(sketches, byName), parent, memo, known)
                .find(new SplittableRandom(seed));
    }

    @Test
    void fillsEachStepOfASketchAtAKnobWhereItApplies() {
        List<Letter> library = List.of(new Letter("t", 3), new Letter("p", 0), new Letter("u", 7), new Letter("z", 0));
        for (long seed = 0; seed < 10; seed++) {
            List<Recipe.Step> chain = find(library, List.of(List.of("t", "p", "u")), "", s -> false, new HashMap<>(),
                    seed).orElseThrow();
            assertThat(chain).extracting(Recipe.Step::rewrite).containsExactly("t", "p", "u");
            assertThat(chain.get(0).knob()).isEqualTo(3);
            assertThat(chain.get(2).knob()).isEqualTo(7);
            assertThat(new Recipe(chain).applyTo("", byName(library)).applied()).isEqualTo(chain);
        }
    }

    @Test
    void leavesASketchWithAStepThatAppliesNowhereAndNeverProposesAKnownChild() {
        List<Letter> library = List.of(new Letter("p", 0), new Letter("q", 2), new Letter("x", 0));
        // the parent holds an x already: the first sketch cannot be filled, the second can
        for (long seed = 0; seed < 5; seed++) {
            var sketches = List.of(List.of("p", "x"), List.of("q", "p"));
            assertThat(find(library, sketches, "x", s -> false, new HashMap<>(), seed).orElseThrow())
                    .extracting(Recipe.Step::rewrite).containsExactly("q", "p");
        }
        // every child of q then p but one is stored: the last step tries its other knobs until it finds that one
        Set<String> stored = new java.util.HashSet<>();
        for (int k = 1; k <= 8; k++) {
            if (k != 6) {
                stored.add("q2p" + k);
            }
        }
        for (long seed = 0; seed < 5; seed++) {
            assertThat(find(library, List.of(List.of("q", "p")), "", stored::contains, new HashMap<>(), seed)
                    .orElseThrow()).containsExactly(new Recipe.Step("q", 2), new Recipe.Step("p", 6));
        }
        stored.add("q2p6");
        assertThat(find(library, List.of(List.of("q", "p")), "", stored::contains, new HashMap<>(), 1)).isEmpty();
    }

    @Test
    void aSketchNamingARewriteTheLibraryLacksIsNeverTried() {
        Letter p = new Letter("p", 0);
        assertThat(find(List.of(p), List.of(List.of("p", "missing")), "", s -> false, new HashMap<>(), 1)).isEmpty();
        assertThat(p.calls().get()).isZero();
    }

    @Test
    void aStepWithKnobsTriesThemInTheOrderGivenAndOthersNever() {
        // p applies at every knob: the first one named is taken, on every seed
        for (long seed = 0; seed < 10; seed++) {
            assertThat(find(List.of(new Letter("p", 0)), List.of(List.of("p:2,5,1")), "", s -> false, new HashMap<>(),
                    seed).orElseThrow()).containsExactly(new Recipe.Step("p", 2));
        }
        // q applies at 4 only, named second: the first knob is tried and refused, then 4
        Letter q = new Letter("q", 4);
        assertThat(find(List.of(q), List.of(List.of("q:1,4")), "", s -> false, new HashMap<>(), 3).orElseThrow())
                .containsExactly(new Recipe.Step("q", 4));
        assertThat(q.calls().get()).isEqualTo(2);
        // a knob that applies but is not named is never tried
        Letter r = new Letter("r", 6);
        assertThat(find(List.of(r), List.of(List.of("r:1,2,3")), "", s -> false, new HashMap<>(), 3)).isEmpty();
        assertThat(r.calls().get()).isEqualTo(3);
    }

    @Test
    void aSketchNamingAKnobTheRewriteLacksIsNeverTriedAndAMalformedStepIsRefused() {
        Letter p = new Letter("p", 0);
        assertThat(find(List.of(p), List.of(List.of("p:9")), "", s -> false, new HashMap<>(), 1)).isEmpty();
        assertThat(p.calls().get()).isZero();
        for (String step : List.of("p:1,x", "p:", "p:1,,2", "p:1,")) {
            assertThatThrownBy(() -> SketchSearch.parse(List.of(List.of(step)), byName(List.of(p)))).as(step)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(step);
        }
    }

    @Test
    void eachCallRewritesAtMostItsBudgetAndTheNextGoesOnFromTheMemo() {
        List<Letter> letters = new ArrayList<>();
        List<List<String>> sketches = new ArrayList<>();
        for (char c = 'a'; c <= 'y'; c++) {
            letters.add(new Letter(String.valueOf(c), 0));
            sketches.add(List.of(String.valueOf(c), "z"));     // never filled: z applies at no knob
        }
        List<Rewrite> library = new ArrayList<>(letters);
        Letter z = new Letter("z", 99);
        library.add(z);
        Map<List<Recipe.Step>, Recipe.Applied> memo = new HashMap<>();
        int before = 0;
        for (long call = 0; call < 3; call++) {
            assertThat(find(library, sketches, "", s -> false, memo, call)).isEmpty();
            int calls = letters.stream().mapToInt(l -> l.calls().get()).sum() + z.calls().get();
            assertThat(calls - before).as("call %d", call).isPositive().isLessThanOrEqualTo(SketchSearch.FRESH_APPLIES);
            before = calls;
        }
        assertThat(memo.size()).isGreaterThan(2 * SketchSearch.FRESH_APPLIES);
    }

    @Test
    void anEpisodeProposesAFilledSketchInItsFirstGeneration() throws InterruptedException {
        List<Rewrite> library = List.of(new Letter("a", 0), new Letter("b", 0), new Letter("t", 5), new Letter("u", 4));
        var config = new RecipeSearch.Config(4, 4, 1, 1, 0.0, 0.0, 8);
        List<String> seen = new ArrayList<>();
        var search = new RecipeSearch(library, config, name -> false, List.of(List.of("t", "u")));
        search.run("", 1.0, new SplittableRandom(5), batch -> {
            batch.forEach(p -> seen.add(p.child().source()));
            return batch.stream().map(p -> 1.0).toList();
        }, () -> false);
        assertThat(seen.getFirst()).isEqualTo("t5u4");
    }
}
