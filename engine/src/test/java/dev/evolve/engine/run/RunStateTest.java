package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunStateTest {

    /** The run state as the committed 90-second results/matmul database held it, written before the champion had a class. */
    private static final String BEFORE = "{\"iterations\":59,\"episodes\":7,\"duplicates\":62,\"elapsedMs\":96557,"
            + "\"evaluatingMs\":92879,\"lastRetimeAt\":43,\"bestScore\":33.30291276439845,\"statusCounts\":{\"measured\":59},"
            + "\"confirmedId\":\"abc\",\"confirmedScoreMs\":1.5,\"confirmedErrorMs\":0.1,\"seedScoreMs\":30.0,"
            + "\"seedErrorMs\":2.0,\"lastConfirmationMs\":-150000,\"primaryMetric\":null}";

    @Test
    void aStateWrittenBeforeReadsAndIsWrittenUnderTheSameKeys() throws Exception {
        RunState s = RunState.parse(BEFORE);
        assertThat(s.iterations).isEqualTo(59);
        assertThat(s.episodes).isEqualTo(7);
        assertThat(s.statusCounts).containsEntry("measured", 59L);
        assertThat(s.champion.lastRetimeAt).isEqualTo(43);
        assertThat(s.champion.confirmedId).isEqualTo("abc");
        assertThat(s.champion.seedScoreMs).isEqualTo(30.0);
        assertThat(s.champion.lastConfirmationMs).isEqualTo(-150_000);

        String written = s.toJson(new Budget(null, 100L, Duration.ofMillis(96557), InstantSource.system()));
        var json = new ObjectMapper();
        Set<String> before = new HashSet<>();
        json.readTree(BEFORE).fieldNames().forEachRemaining(before::add);
        Set<String> after = new HashSet<>();
        json.readTree(written).fieldNames().forEachRemaining(after::add);
        assertThat(after).isEqualTo(before);                              // flat, as before: older engines read it too
        assertThat(RunState.parse(written).champion.confirmedScoreMs).isEqualTo(1.5);
    }
}
