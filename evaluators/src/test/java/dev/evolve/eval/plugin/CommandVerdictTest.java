package dev.evolve.eval.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandVerdictTest {

    @Test
    void theLastJsonObjectLineIsTheVerdict() {
        String out = "progress 10%\n{\"score\": 1}\nnot json {\n{\"score\": 2.5, \"metrics\": {\"bins\": 40}, "
                + "\"artifacts\": {\"hint\": \"pack tighter\"}}\ntrailing words\n";
        assertThat(CommandVerdict.of(out)).isEqualTo(new CommandVerdict.Scored(2.5, Map.of("bins", 40.0),
                Map.of("hint", "pack tighter")));
    }

    @Test
    void anErrorIsAVerdictOnTheProgram() {
        assertThat(CommandVerdict.of("{\"error\": \"line 3: no solution\"}"))
                .isEqualTo(new CommandVerdict.Invalid("line 3: no solution"));
        assertThat(CommandVerdict.of("{\"error\": {\"at\": 3}}")).isEqualTo(new CommandVerdict.Invalid("{\"at\":3}"));
    }

    @Test
    void whatBreaksTheProtocolSaysHow() {
        assertThat(reason("")).contains("no JSON object");
        assertThat(reason("{\"score\": 1,")).contains("no JSON object");
        assertThat(reason("[1, 2]")).contains("no JSON object");
        assertThat(reason("{\"value\": 1}")).contains("neither \"score\" nor \"error\"");
        assertThat(reason("{\"score\": NaN}")).contains("\"score\" must be a finite number, was NaN");
        assertThat(reason("{\"score\": Infinity}")).contains("finite number");
        assertThat(reason("{\"score\": \"high\"}")).contains("\"score\" must be a finite number, was \"high\"");
        assertThat(reason("{\"score\": 1, \"metrics\": {\"x\": \"a\"}}")).contains("metric \"x\" must be a finite number");
        assertThat(reason("{\"score\": 1, \"metrics\": [1]}")).contains("\"metrics\" must be an object");
        assertThat(reason("{\"score\": 1, \"artifacts\": \"x\"}")).contains("\"artifacts\" must be an object");
    }

    private static String reason(String stdout) {
        return ((CommandVerdict.Unreadable) CommandVerdict.of(stdout)).why();
    }
}
