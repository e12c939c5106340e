package dev.evolve.engine.novelty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.Targets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter's own logic, with a counting embedder (letter frequencies) in place of the model. */
class NoveltyFilterTest {

    /** Embeds a text as the counts of the letters a to z: deterministic, cheap, and counts its calls. */
    static final class LetterCounts implements CodeEmbedder {
        final List<String> embedded = new ArrayList<>();

        @Override
        public float[] embed(String text) {
            embedded.add(text);
            float[] v = new float[26];
            for (char ch : text.toLowerCase().toCharArray()) {
                if (ch >= 'a' && ch <= 'z') {
                    v[ch - 'a']++;
                }
            }
            return v;
        }
    }

    private static String program(String body) {
        return dev.evolve.kernels.EvolveBlock.of(Targets.require("matmul").seedSource()).orElseThrow().withBody(body);
    }

    @Test
    void theEvolveBlockIsEmbeddedWithoutCommentsWithItsLocalsRenamedAlike() {
        String a = program("    int rowStart = 3; /* note */ double scale = rowStart * 2.0; // why\n");
        String b = program("    int ci = 3;\n    double aik = ci * 2.0;\n");
        assertThat(NoveltyFilter.text(a)).isEqualTo(NoveltyFilter.text(b)).isEqualTo("int v = 3; double v = v * 2.0;");
        assertThat(NoveltyFilter.text(a)).doesNotContain("Matmul", "note", "why");
    }

    @Test
    void eachKnownProgramIsEmbeddedOnceAndTheNearestIsReported() {
        var embedder = new LetterCounts();
        var filter = new NoveltyFilter(embedder, 0.99);
        var known = List.of(new NoveltyFilter.Known("x", program("    int x = a + b;\n")),
                new NoveltyFilter.Known("y", program("    return zzzz;\n")));
        NoveltyFilter.Match m = filter.nearest(program("    int renamed = a + b;\n"), known);
        assertThat(m.id()).isEqualTo("x");
        assertThat(m.similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(filter.isNearCopy(m)).isTrue();
        NoveltyFilter.Match other = filter.nearest(program("    qqqq;\n"), known);
        assertThat(filter.isNearCopy(other)).isFalse();
        // two known, one proposed: the renamed copy reads as x once normalized, so it shares x's embedding
        assertThat(embedder.embedded).hasSize(3);
        assertThat(filter.nearest(program("    int q = 1;\n"), List.of())).isNull();
        assertThat(filter.isNearCopy(null)).isFalse();
    }

    @Test
    void theCacheIsBoundedAndAnEvictedProgramIsEmbeddedAgainToTheSameVector() {
        var embedder = new LetterCounts();
        var filter = new NoveltyFilter(embedder, 0.99, 2);
        var a = new NoveltyFilter.Known("a", program("    return aaaa;\n"));
        var b = new NoveltyFilter.Known("b", program("    return bbbb;\n"));
        var c = new NoveltyFilter.Known("c", program("    return cccc;\n"));
        NoveltyFilter.Match first = filter.nearest(program("    return aaab;\n"), List.of(a));
        filter.nearest(program("    return bbbc;\n"), List.of(b, c));    // a (and its text) are dropped
        assertThat(filter.keptById()).isEqualTo(2);
        int before = embedder.embedded.size();
        NoveltyFilter.Match again = filter.nearest(program("    return aaab;\n"), List.of(a));
        assertThat(embedder.embedded.size()).isGreaterThan(before);   // embedded anew, not served stale
        assertThat(again).isEqualTo(first);
        assertThat(filter.keptById()).isLessThanOrEqualTo(2);
        assertThatThrownBy(() -> new NoveltyFilter(embedder, 0.99, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void programsThatReadTheSameAfterNormalizingShareOneEmbeddingAndMatchExactly() {
        var embedder = new LetterCounts();
        var filter = new NoveltyFilter(embedder, 1.0);
        var known = List.of(new NoveltyFilter.Known("k", program("    int total = a + b; // sum\n")));
        NoveltyFilter.Match m = filter.nearest(program("    int s =   a + b;\n"), known);
        assertThat(m.similarity()).isEqualTo(1.0);
        assertThat(filter.isNearCopy(m)).isTrue();                   // even at threshold 1
        assertThat(embedder.embedded).hasSize(1);
        // asking for the same program by another id reads its source again, but does not embed it again
        var sameSource = new NoveltyFilter.Known("k2", known.getFirst().source());
        filter.nearest(program("    int s = a + b;\n"), List.of(sameSource));
        assertThat(embedder.embedded).hasSize(1);
    }

    @Test
    void similarityDoesNotDependOnTheLengthOfTheEmbedderVectors() {
        CodeEmbedder scaled = text -> text.contains("long") ? new float[] {3, 4} : new float[] {0.6f, 0.8f};
        var filter = new NoveltyFilter(scaled, 0.99);
        NoveltyFilter.Match m = filter.nearest(program("    long x = 1;\n"),
                List.of(new NoveltyFilter.Known("s", program("    short y = 2;\n"))));
        assertThat(m.similarity()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        CodeEmbedder zero = text -> new float[2];
        assertThat(new NoveltyFilter(zero, 0.99).nearest(program("    long x = 1;\n"),
                List.of(new NoveltyFilter.Known("s", program("    short y = 2;\n")))).similarity()).isZero();
    }

    @Test
    void aWindowOfWordPiecesNeverEndsInsideAWord() {
        int w = MiniLmCodeEmbedder.WINDOW;
        String[] tokens = new String[w + 90];
        java.util.Arrays.fill(tokens, "x");
        tokens[w] = "##y";
        tokens[w - 1] = "##y";
        assertThat(MiniLmCodeEmbedder.windowEnd(tokens, 0, tokens.length)).isEqualTo(w - 2);
        assertThat(MiniLmCodeEmbedder.windowEnd(tokens, w - 2, tokens.length)).isEqualTo(tokens.length);
        assertThat(MiniLmCodeEmbedder.windowEnd(tokens, 0, 100)).isEqualTo(100);
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new NoveltyFilter(new LetterCounts(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoveltyFilter(new LetterCounts(), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
