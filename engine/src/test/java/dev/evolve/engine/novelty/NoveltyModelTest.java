package dev.evolve.engine.novelty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter with the real embedding model (all-MiniLM-L6-v2 in process) on whole matmul programs. */
class NoveltyModelTest {

    private static MiniLmCodeEmbedder embedder;

    @BeforeAll
    static void loadTheModelOnce() {
        embedder = new MiniLmCodeEmbedder(1);
    }

    @Test
    void theSameTextAlwaysGivesTheSameUnitVector() {
        String text = NoveltyFilter.text(MatmulVariants.program(MatmulVariants.TRANSPOSED));
        float[] first = embedder.embed(text);
        float[] again = embedder.embed(text);
        assertThat(again).containsExactly(first);
        assertThat(first).hasSize(384);
        double norm = 0;
        for (float x : first) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(embedder.embed("   ")).hasSize(384);                       // blank text: still a vector
        String longText = (text + " ").repeat(4);                               // several windows of word pieces
        assertThat(embedder.embed(longText)).containsExactly(embedder.embed(longText));
    }

    @Test
    void nearCopiesAreCaughtAndDifferentKernelsPassIncludingOnesThatDifferOnlyAfterTheirFirstLines() {
        var filter = new NoveltyFilter(embedder, 0.99);
        for (MatmulVariants.Pair p : MatmulVariants.pairs()) {
            NoveltyFilter.Match m = filter.nearest(p.child(), List.of(p.asKnown()));
            assertThat(filter.isNearCopy(m)).as("%s: similarity %s", p.what(), m.similarity()).isEqualTo(p.nearCopy());
        }
    }
}
