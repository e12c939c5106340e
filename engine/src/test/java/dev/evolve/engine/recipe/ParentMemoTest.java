package dev.evolve.engine.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParentMemoTest {

    @Test
    void aSearchIsNotCalledOnAParentAfterThreeFruitlessCallsInARowAndAHitStartsTheCountAgain() {
        ParentMemo memo = new ParentMemo();
        AtomicInteger calls = new AtomicInteger();
        Optional<String> none = Optional.empty();
        for (int i = 0; i < 2; i++) {
            assertThat(memo.enabling(() -> {
                calls.incrementAndGet();
                return none;
            })).isEmpty();
        }
        assertThat(memo.enabling(() -> {
            calls.incrementAndGet();
            return Optional.of("chain");
        })).contains("chain");
        for (int i = 0; i < 5; i++) {
            memo.enabling(() -> {
                calls.incrementAndGet();
                return none;
            });
        }
        assertThat(calls.get()).isEqualTo(3 + ParentMemo.MISSES);
        // the sketch search counts its own misses
        assertThat(memo.sketch(() -> Optional.of("sketch"))).contains("sketch");
    }

    /** A rewrite that never applies, counting its calls. */
    record Never(String name, AtomicInteger calls) implements Rewrite {
        @Override public String description() { return "never applies"; }
        @Override public List<Integer> knobs() { return List.of(0, 1); }
        @Override public Optional<String> apply(String source, int knob) {
            calls.incrementAndGet();
            return Optional.empty();
        }
    }

    @Test
    void episodesOnAParentStopTryingToOpenARewriteNothingOpens() throws InterruptedException {
        List<SketchSearchTest.Letter> letters = new java.util.ArrayList<>();
        for (char c = 'a'; c <= 'y'; c++) {
            letters.add(new SketchSearchTest.Letter(String.valueOf(c), 0));
        }
        List<Rewrite> library = new java.util.ArrayList<>(letters);
        AtomicInteger finisher = new AtomicInteger();
        library.add(new Never("F", finisher));                           // a finishing rewrite nothing opens
        var search = new RecipeSearch(library, new RecipeSearch.Config(3, 2, 1, 1, 0.0, 0.0, 8), "F"::equals);
        SplittableRandom random = new SplittableRandom(1);
        int[] rewrites = new int[6];
        int before = 0;
        for (int episode = 0; episode < rewrites.length; episode++) {
            search.run("", 1.0, random, batch -> batch.stream().map(p -> 1.0).toList(), () -> false);
            int now = letters.stream().mapToInt(l -> l.calls().get()).sum() + finisher.get();
            rewrites[episode] = now - before;
            before = now;
        }
        // the enabling search spends its budget in each of the first episodes, then is not called on this parent
        for (int episode = 0; episode < ParentMemo.MISSES; episode++) {
            assertThat(rewrites[episode]).as("episode %d", episode).isGreaterThan(EnablingSearch.FRESH_APPLIES / 2);
        }
        for (int episode = ParentMemo.MISSES; episode < rewrites.length; episode++) {
            assertThat(rewrites[episode]).as("episode %d", episode).isLessThan(EnablingSearch.FRESH_APPLIES / 5);
        }
    }
}
