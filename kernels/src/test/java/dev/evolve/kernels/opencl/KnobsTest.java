package dev.evolve.kernels.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnobsTest {

    private static final List<Knob> HOST = List.of(new Knob("LOCAL_X", 1, 1024, "items along x"),
            new Knob("WPT_X", 1, 64, "columns per item"));

    @Test
    void readsIntegerDefinesWithLinesAndIgnoresOtherMacros() {
        Knobs k = Knobs.parse("""
                // EVOLVE-BLOCK-START
                #define LOCAL_X 16
                  #  define WPT_X 4 // columns per item
                #define floatV CAT(float, VW)
                #define SQ(x) ((x) * (x))
                #define TILE 8 /* k depth */
                """);
        assertThat(k.values()).containsExactly(
                java.util.Map.entry("LOCAL_X", 16), java.util.Map.entry("WPT_X", 4), java.util.Map.entry("TILE", 8));
        assertThat(k.line("LOCAL_X")).isEqualTo(2);
        assertThat(k.line("WPT_X")).isEqualTo(3);
        assertThat(k.line("TILE")).isEqualTo(6);
        assertThat(k.nonLiteral()).containsExactly("floatV", "SQ");
        assertThat(k.problems(HOST)).isEmpty();
    }

    @Test
    void reportsMissingNonLiteralRepeatedUndefinedAndOutOfRangeKnobs() {
        assertThat(Knobs.parse("#define LOCAL_X 16\n").problems(HOST))
                .singleElement().asString().contains("missing '#define WPT_X <integer>'");
        assertThat(Knobs.parse("#define LOCAL_X (8*2)\n#define WPT_X 1\n").problems(HOST))
                .singleElement().asString().contains("LOCAL_X (line 1) must be a plain integer literal");
        assertThat(Knobs.parse("#define LOCAL_X 8\n#define WPT_X 1\n#define LOCAL_X 16\n").problems(HOST))
                .singleElement().asString().contains("defined exactly once");
        assertThat(Knobs.parse("#define LOCAL_X 8\n#define WPT_X 1\n#undef WPT_X\n").problems(HOST))
                .singleElement().asString().contains("WPT_X (line 2) must be defined exactly once and never #undef'd");
        assertThat(Knobs.parse("#define LOCAL_X 0\n#define WPT_X 65\n").problems(HOST))
                .containsExactly("LOCAL_X (line 1) = 0 is out of range [1, 1024]",
                        "WPT_X (line 2) = 65 is out of range [1, 64]");
        assertThat(Knobs.parse("#define LOCAL_X 99999999999\n#define WPT_X 1\n").problems(HOST))
                .singleElement().asString().contains("plain integer literal");
    }

    @Test
    void rangesRoundUpToWholeWorkGroups() {
        NdRange r = new MatmulOpenClTarget().range(Knobs.parse("""
                #define LOCAL_X 8
                #define LOCAL_Y 4
                #define WPT_X 16
                #define WPT_Y 3
                """), 100);
        // ceil(100/16) = 7 items -> 8; ceil(100/3) = 34 items -> 36
        assertThat(r.global()).containsExactly(8L, 36L);
        assertThat(r.local()).containsExactly(8L, 4L);
        assertThat(r.workGroupSize()).isEqualTo(32);

        NdRange m = new MatvecOpenClTarget().range(Knobs.parse("#define LOCAL_X 32\n#define ROWS_PER_GROUP 10\n"), 95);
        assertThat(m.global()).containsExactly(320L);   // ceil(95/10) = 10 groups of 32
        assertThat(m.local()).containsExactly(32L);
    }
}
