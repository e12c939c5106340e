package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.record.Choices.Mutator;
import dev.evolve.engine.record.Choices.OnModelFailure;
import dev.evolve.engine.run.Schedule.Turn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {

    /** The model side as the schedule sees it, set by each test. */
    static final class Model implements Schedule.ModelState {
        boolean ready;
        boolean down;
        boolean spent;
        boolean stalled;
        int retries;

        @Override public boolean stalled() { return stalled; }
        @Override public void retry() { retries++; stalled = false; }
        @Override public boolean hasReady() { return ready; }
        @Override public boolean down() { return down; }
        @Override public boolean budgetSpent() { return spent; }
    }

    @Test
    void withoutAModelEveryEpisodeIsTheRewrites() {
        var s = new Schedule(Mutator.AST, OnModelFailure.AST, null);
        for (long e = 0; e < 6; e++) {
            assertThat(s.next(e)).isEqualTo(Turn.RULES);
        }
    }

    @Test
    void mixedAlternatesAndLlmIsAlwaysTheModel() {
        var model = new Model();
        var mixed = new Schedule(Mutator.MIXED, OnModelFailure.AST, model);
        assertThat(mixed.next(0)).isEqualTo(Turn.RULES);
        assertThat(mixed.next(1)).isEqualTo(Turn.MODEL);
        assertThat(mixed.next(2)).isEqualTo(Turn.RULES);
        assertThat(mixed.next(3)).isEqualTo(Turn.MODEL);
        var llm = new Schedule(Mutator.LLM, OnModelFailure.AST, model);
        assertThat(llm.next(0)).isEqualTo(Turn.MODEL);
        assertThat(llm.next(1)).isEqualTo(Turn.MODEL);
    }

    /**
     * The first turn a schedule gives for each state of the model: a down model leaves its turns to
     * the rewrites unless the run waits, a spent budget is not waited for, and a stalled model ends the
     * run when nothing may take its place; children the model made before are taken first.
     */
    @ParameterizedTest(name = "{0} on failure {1}, ready {2}, down {3}, spent {4}, stalled {5}: {6}")
    @CsvSource({
            "LLM, AST, false, true, false, false, RULES",
            "LLM, WAIT, false, true, false, false, MODEL",
            "LLM, AST, true, true, false, false, MODEL",
            "LLM, WAIT, false, false, true, false, RULES",
            "LLM, WAIT, true, false, true, false, MODEL",
            "LLM, STOP, false, false, false, true, END",
            "MIXED, WAIT, false, false, false, true, END",
            "LLM, STOP, false, false, true, false, END",
            "LLM, STOP, true, false, true, false, MODEL"})
    void theFirstTurnFollowsTheModelsState(Mutator mutator, OnModelFailure onFailure, boolean ready, boolean down,
                                           boolean spent, boolean stalled, Turn expected) {
        var model = new Model();
        model.ready = ready;
        model.down = down;
        model.spent = spent;
        model.stalled = stalled;
        assertThat(new Schedule(mutator, onFailure, model).next(0)).isEqualTo(expected);
    }

    @Test
    void afterThreeEmptyModelEpisodesOneTurnGoesToTheRewrites() {
        var model = new Model();
        var s = new Schedule(Mutator.LLM, OnModelFailure.AST, model);
        for (int i = 0; i < Schedule.MAX_EMPTY_MODEL_EPISODES; i++) {
            assertThat(s.next(i)).isEqualTo(Turn.MODEL);
            s.record(Turn.MODEL, 0, 0);
        }
        assertThat(s.next(3)).isEqualTo(Turn.RULES);
        assertThat(s.next(4)).isEqualTo(Turn.MODEL);
        s.record(Turn.MODEL, 2, 2);                       // one that brought children resets the count
        s.record(Turn.MODEL, 0, 0);
        assertThat(s.next(5)).isEqualTo(Turn.MODEL);
        // waiting for the model, empty episodes do not hand turns to the rewrites
        var waiting = new Schedule(Mutator.LLM, OnModelFailure.WAIT, model);
        for (int i = 0; i < 5; i++) {
            waiting.record(Turn.MODEL, 0, 0);
        }
        assertThat(waiting.next(5)).isEqualTo(Turn.MODEL);
    }

    @Test
    void theSearchIsExhaustedAfterTwoHundredIdleRuleEpisodesInARow() {
        var s = new Schedule(Mutator.AST, OnModelFailure.AST, null);
        for (int i = 1; i < Schedule.MAX_IDLE_EPISODES; i++) {
            assertThat(s.record(Turn.RULES, 8, 0)).isFalse();
        }
        assertThat(s.record(Turn.RULES, 8, 1)).isFalse();    // one new child: the count starts again
        assertThat(s.idle()).isZero();
        for (int i = 1; i < Schedule.MAX_IDLE_EPISODES; i++) {
            assertThat(s.record(Turn.RULES, 0, 0)).isFalse();
        }
        assertThat(s.record(Turn.MODEL, 0, 0)).isFalse();    // model episodes do not count as idle
        assertThat(s.record(Turn.RULES, 0, 0)).isTrue();
        assertThat(s.idle()).isEqualTo(Schedule.MAX_IDLE_EPISODES);
    }

    @Test
    void aStalledModelIsBackedOffForDoublingSpellsWhenTheRewritesMayTakeOver() {
        var model = new Model();
        var s = new Schedule(Mutator.LLM, OnModelFailure.AST, model);
        assertThat(s.next(0)).isEqualTo(Turn.MODEL);
        model.stalled = true;
        assertThat(s.next(1)).isEqualTo(Turn.RULES);
        assertThat(s.justBackedOff()).isTrue();
        assertThat(s.backOff()).isEqualTo(Schedule.FIRST_BACK_OFF);
        for (long e = 2; e < 1 + Schedule.FIRST_BACK_OFF; e++) {
            assertThat(s.next(e)).isEqualTo(Turn.RULES);
            assertThat(s.justBackedOff()).isFalse();
        }
        assertThat(model.retries).isZero();
        assertThat(s.next(1 + Schedule.FIRST_BACK_OFF)).isEqualTo(Turn.MODEL);   // a fresh allowance
        assertThat(model.retries).isEqualTo(1);
        model.stalled = true;
        assertThat(s.next(6)).isEqualTo(Turn.RULES);
        assertThat(s.backOff()).isEqualTo(2 * Schedule.FIRST_BACK_OFF);
    }

    @Test
    void duplicateModelEpisodesCountAsIdleAndAsEmpty() {
        var model = new Model();
        var s = new Schedule(Mutator.LLM, OnModelFailure.AST, model);
        for (int i = 1; i < Schedule.MAX_IDLE_EPISODES; i++) {
            assertThat(s.record(Turn.MODEL, 4, 0)).isFalse();   // four children, all known
        }
        assertThat(s.next(0)).isEqualTo(Turn.RULES);              // empty model episodes hand a turn over
        assertThat(s.record(Turn.MODEL, 4, 0)).isTrue();
    }
}
