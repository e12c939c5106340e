package dev.evolve.engine.mutate.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TuneNumbersTest {

    static final String PYTHON = """
            import math
            LIMIT = 100  # outside the block: never touched

            def priority(item, remaining):
                # EVOLVE-BLOCK-START
                gap = remaining - item
                weight = 0.5  # 7 in a comment stays
                label = "size 42"
                return -gap * weight + 3
                # EVOLVE-BLOCK-END
            """;

    static String tune(int slot, int knob, String source) {
        return new TuneNumbers(slot).apply(source, knob).orElse(null);
    }

    @Test
    void movesTheChosenLiteralOfTheBlockOnly() {
        String doubled = tune(0, 5, PYTHON);
        assertThat(doubled).isEqualTo(PYTHON.replace("weight = 0.5", "weight = 1.0"));
        assertThat(tune(1, 7, PYTHON)).isEqualTo(PYTHON.replace("+ 3\n", "+ 4\n"));
        assertThat(tune(2, 7, PYTHON)).as("slot 2 wraps to literal 0").isEqualTo(PYTHON.replace("0.5", "0.6"));
        assertThat(tune(1, 6, PYTHON)).isEqualTo(PYTHON.replace("+ 3\n", "+ 2\n"));
    }

    @Test
    void leavesStringsCommentsNamesAndOddNumbersAlone() {
        String text = """
                // EVOLVE-BLOCK-START
                int x2 = a[1_000] + 0x1F + 0b101; // 9
                /* 8 */ String v = "1.2.3 7"; char c = '5';
                s = 'it''s 4'
                y = 1.2.3
                #define TILE 64
                # 11 in a shell comment
                // EVOLVE-BLOCK-END
                """;
        List<String> found = TuneNumbers.literals(text.substring(text.indexOf('\n') + 1, text.indexOf("// EVOLVE-BLOCK-END")))
                .stream().map(l -> l.mantissa()).toList();
        assertThat(found).containsExactly("64");
    }

    @ParameterizedTest(name = "{0}{1} knob {2} -> {3}")
    @CsvSource(delimiter = ';', nullValues = "none", value = {
            "12;     ; 0; 6",
            "12;     ; 1; 10",
            "12;     ; 2; 11",
            "12;     ; 3; 13",
            "12;     ; 4; 15",
            "12;     ; 5; 24",
            "12;     ; 6; 11",
            "12;     ; 7; 13",
            "1;      ; 0; 0",
            "0;      ; 5; none",
            "0;      ; 6; none",
            "0.35;   ; 7; 0.36",
            "0.35;   ; 6; 0.34",
            "0.35;   ; 3; 0.3675",
            "2.0;    ; 5; 4.0",
            "2.0;    ; 6; 1.9",
            ".5;     ; 5; 1.0",
            ".25;    ; 0; .125",
            "1.5;  e-3; 7; 1.6",
            "1;    e5;  3; 1.05",
            "0.1234567; ; 3; 0.12963",
            "0.01;   ; 6; 0.0",
            "1.;     ; 5; 2.0"})
    void stepsKeepTheLiteralsForm(String mantissa, String exponent, int knob, String expected) {
        Optional<String> moved = TuneNumbers.step(mantissa, exponent == null ? "" : exponent.strip(), knob);
        assertThat(moved.orElse(null)).isEqualTo(expected);
    }

    @Test
    void keepsSuffixesAndExponents() {
        String java = "class K {\n    // EVOLVE-BLOCK-START\n    float f = 1.5f; long l = 10L; double e = 2e-3;\n    // EVOLVE-BLOCK-END\n}\n";
        assertThat(tune(0, 5, java)).contains("float f = 3.0f;");
        assertThat(tune(1, 7, java)).contains("long l = 11L;");
        assertThat(tune(2, 5, java)).contains("double e = 4.0e-3;");
    }

    @Test
    void declinesWhatItCannotChange() {
        assertThat(new TuneNumbers(0).apply("x = 1\n", 5)).as("no block").isEmpty();
        assertThat(new TuneNumbers(0).apply("# EVOLVE-BLOCK-START\nx = y\n# EVOLVE-BLOCK-END\n", 5)).isEmpty();
        assertThat(new TuneNumbers(0).apply(PYTHON, 8)).isEmpty();
        assertThat(new TuneNumbers(0).apply(PYTHON, -1)).isEmpty();
    }

    @Test
    void theLibraryReachesSixteenLiteralsWithEightKnobsEach() {
        List<Rewrite> library = TuneNumbers.library();
        assertThat(library).hasSize(TuneNumbers.SLOTS);
        Set<String> names = new HashSet<>();
        library.forEach(r -> names.add(r.name()));
        assertThat(names).hasSize(TuneNumbers.SLOTS).contains("tune-number-0", "tune-number-15");
        assertThat(library.getFirst().knobs()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        StringBuilder body = new StringBuilder("# EVOLVE-BLOCK-START\n");
        for (int i = 0; i < TuneNumbers.SLOTS; i++) {
            body.append("c").append(i).append(" = ").append(i + 1).append('\n');
        }
        String source = body.append("# EVOLVE-BLOCK-END\n").toString();
        for (int i = 0; i < TuneNumbers.SLOTS; i++) {
            assertThat(library.get(i).apply(source, 7).orElseThrow()).contains("c" + i + " = " + (i + 2) + "\n");
        }
    }
}
