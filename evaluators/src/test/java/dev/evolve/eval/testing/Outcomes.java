package dev.evolve.eval.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Incorrect;

/** Assertions on an outcome's kind that return it as that kind, for the checks that follow. */
public final class Outcomes {

    private Outcomes() {
    }

    /** Asserts that {@code outcome} is a crash of {@code kind}. */
    public static Crashed crashed(EvaluationOutcome outcome, Crashed.Kind kind) {
        assertThat(outcome).as(outcome.detail()).isInstanceOf(Crashed.class);
        Crashed crash = (Crashed) outcome;
        assertThat(crash.kind()).isEqualTo(kind);
        return crash;
    }

    /** Asserts that {@code outcome} is incorrect, found in {@code phase} ("check" or "timing"). */
    public static Incorrect incorrectIn(EvaluationOutcome outcome, String phase) {
        assertThat(outcome).as(outcome.detail()).isInstanceOf(Incorrect.class);
        Incorrect wrong = (Incorrect) outcome;
        assertThat(wrong.phase()).isEqualTo(phase);
        return wrong;
    }
}
