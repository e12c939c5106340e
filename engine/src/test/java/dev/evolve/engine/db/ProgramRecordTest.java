package dev.evolve.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgramRecordTest {

    private static final String SRC = "class A {}";
    private static final String ID = SourceHash.of(SRC);

    private static ProgramRecord record(String status, double score) {
        return new ProgramRecord(ID, null, SRC, 0, 0, "seed", status, null, score, 0, 0, null, Instant.EPOCH);
    }

    @Test
    void measuredNeedsAPositiveScoreAndOthersHaveNone() {
        assertThat(record("measured", 1.0).measured()).isTrue();
        assertThatThrownBy(() -> record("measured", 0)).hasMessageContaining("score > 0");
        assertThatThrownBy(() -> record("timeout", 2)).hasMessageContaining("only a measured program has a score");
        assertThatThrownBy(() -> record("measured", -1)).hasMessageContaining("score must be finite and >= 0");
        assertThatThrownBy(() -> record("measured", Double.NaN)).hasMessageContaining("score");
        assertThat(record("crash", 0).detail()).isEmpty();
        assertThat(record("crash", 0).metrics()).isEmpty();
    }

    @Test
    void statusMustBeKnown() {
        assertThatThrownBy(() -> record("passed", 1)).hasMessageContaining("status must be one of")
                .hasMessageContaining("compile_error");
    }

    @Test
    void idsAndFieldsAreChecked() {
        assertThatThrownBy(() -> new ProgramRecord("x", null, SRC, 0, 0, "o", "crash", "", 0, 0, 0, Map.of(),
                Instant.EPOCH)).hasMessageContaining("id must be 64");
        assertThatThrownBy(() -> new ProgramRecord(ID, "nope", SRC, 0, 0, "o", "crash", "", 0, 0, 0, Map.of(),
                Instant.EPOCH)).hasMessageContaining("parentId");
        assertThatThrownBy(() -> new ProgramRecord(ID, null, SRC, -1, 0, "o", "crash", "", 0, 0, 0, Map.of(),
                Instant.EPOCH)).hasMessageContaining("island");
        assertThatThrownBy(() -> new ProgramRecord(ID, null, SRC, 0, 0, " ", "crash", "", 0, 0, 0, Map.of(),
                Instant.EPOCH)).hasMessageContaining("origin");
        assertThatThrownBy(() -> new ProgramRecord(ID, null, SRC, 0, 0, "o", "crash", "", 0, 0, 0,
                Map.of("m", Double.POSITIVE_INFINITY), Instant.EPOCH)).hasMessageContaining("metric m");
    }

    @Test
    void metricsAreCopiedInKeyOrder() {
        ProgramRecord r = new ProgramRecord(ID, null, SRC, 0, 0, "o", "crash", "", 0, 0, 0,
                Map.of("b", 2.0, "a", 1.0, "c", 3.0), Instant.EPOCH);
        assertThat(r.metrics().keySet()).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> r.metrics().put("d", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordsFromOutcomesTakeStatusScoreAndId() {
        Timing timing = new Timing(64, List.of(900L, 1000L, 1100L), 1000L, 0.1);
        ProgramRecord m = ProgramRecord.of(null, SRC, 1, 3, "ast:x",
                new EvaluationOutcome.Measured(timing, timing, 2.5, 1.8, null), Map.of(), Instant.EPOCH);
        assertThat(m.id()).isEqualTo(ID);
        assertThat(m.status()).isEqualTo("measured");
        assertThat(m.score()).isEqualTo(1.8);
        assertThat(m.medianNs()).isEqualTo(1000L);
        ProgramRecord t = ProgramRecord.of(ID, SRC + " ", 1, 4, "ast:y",
                new EvaluationOutcome.TimedOut("check", Duration.ofSeconds(2)), Map.of(), Instant.EPOCH);
        assertThat(t.status()).isEqualTo("timeout");
        assertThat(t.score()).isZero();
        assertThat(t.detail()).contains("2000 ms");
    }
}
