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
        assertThat(embedder.embedded).hasSize(4);                 // two known, two proposed: none twice
        assertThat(filter.nearest(program("    int q = 1;\n"), List.of())).isNull();
        assertThat(filter.isNearCopy(null)).isFalse();
    }

    @Test
    void aThresholdOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new NoveltyFilter(new LetterCounts(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NoveltyFilter(new LetterCounts(), 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
