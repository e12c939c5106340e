package dev.evolve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome.Scored;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoredOutcomeTest {

    static Scored max(double v) {
        return new Scored("score", v, true, Map.of(), Map.of());
    }

    static Scored min(double v) {
        return new Scored("cost", v, false, Map.of(), Map.of());
    }

    @Test
    void fitnessIsPositiveAndOrdersAsTheGoalSays() {
        double[] values = {-1e300, -1e6, -3, -1, -1e-9, 0, 1e-9, 0.5, 1, 7, 1e6, 1e300};
        for (int i = 0; i < values.length; i++) {
            assertThat(max(values[i]).fitness()).isPositive().isFinite();
            assertThat(min(values[i]).fitness()).isPositive().isFinite();
            if (i > 0) {
                assertThat(max(values[i]).fitness()).as("max %s", values[i]).isGreaterThan(max(values[i - 1]).fitness());
                assertThat(min(values[i]).fitness()).as("min %s", values[i]).isLessThan(min(values[i - 1]).fitness());
            }
        }
        assertThat(max(0).fitness()).isEqualTo(1.0);
    }

    @Test
    void theMetricsHoldThePrimaryAndTheDetailShowsEverything() {
        Scored s = new Scored("energy", 73.5, false, Map.of("min_distance", 0.25),
                Map.of("hint", "move point 3\n"));
        assertThat(s.metrics()).containsEntry("energy", 73.5).containsEntry("min_distance", 0.25);
        assertThat(s.status()).isEqualTo("measured");
        assertThat(s.detail()).isEqualTo("energy = 73.5 (lower is better); min_distance = 0.25\nhint:\nmove point 3");
    }

    @Test
    void refusesWhatCannotRankAProgram() {
        assertThatThrownBy(() -> max(Double.NaN)).hasMessageContaining("must be finite");
        assertThatThrownBy(() -> new Scored(" ", 1, true, Map.of(), Map.of())).hasMessageContaining("names its primary");
        assertThatThrownBy(() -> new Scored("s", 1, true, Map.of("x", Double.POSITIVE_INFINITY), Map.of()))
                .hasMessageContaining("metric x must be named and finite");
    }

    @Test
    void formatsValuesShortly() {
        assertThat(Scored.format(1.9301943110052682)).isEqualTo("1.93019");
        assertThat(Scored.format(42)).isEqualTo("42");
        assertThat(Scored.format(-0.5)).isEqualTo("-0.5");
        assertThat(Scored.format(1234567.0)).isEqualTo("1.23457e+06");
        assertThat(Scored.format(1.5e-7)).isEqualTo("1.5e-07");
    }
}
