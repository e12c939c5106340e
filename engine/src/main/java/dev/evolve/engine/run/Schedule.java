package dev.evolve.engine.run;

import dev.evolve.engine.record.Choices;

/**
 * Whose turn an episode is, and when the search is over. With {@code --mutator llm} every episode is
 * the model's, with {@code mixed} every other one; while the model is down or its budget spent, the
 * rule-based rewrites take its turns (unless the configuration says to wait), and after a few model
 * episodes in a row that brought nothing (the model answers, but nothing usable) one turn goes to the
 * rewrites meanwhile. A run whose rule-based episodes filed nothing new {@value #MAX_IDLE_EPISODES}
 * times in a row has tried every recipe around every elite: it ends on its own.
 */
final class Schedule {

    /** Consecutive rule-based episodes without a single new child after which a run ends on its own. */
    static final int MAX_IDLE_EPISODES = 200;
    /** Consecutive empty model episodes after which a turn goes to the rewrites. */
    static final int MAX_EMPTY_MODEL_EPISODES = 3;

    enum Turn { RULES, MODEL }

    /** What the schedule needs to know of the model side. */
    interface ModelState {
        /** Children made and not yet taken. */
        boolean hasReady();

        /** Every model request is pausing after a failure. */
        boolean down();

        /** The cost budget is spent: no more requests. */
        boolean budgetSpent();
    }

    private final Choices.Mutator mutator;
    private final Choices.OnModelFailure onModelFailure;
    private final ModelState model;
    private int idle;
    private int emptyModelEpisodes;

    /** @param model null for a run without a model */
    Schedule(Choices.Mutator mutator, Choices.OnModelFailure onModelFailure, ModelState model) {
        this.mutator = mutator;
        this.onModelFailure = onModelFailure;
        this.model = model;
    }

    /** Whose turn episode {@code e} is. */
    Turn next(long e) {
        if (model == null) {
            return Turn.RULES;
        }
        boolean available = model.hasReady() || (!model.down() && !model.budgetSpent());
        boolean waitForModel = onModelFailure == Choices.OnModelFailure.WAIT && !model.budgetSpent();
        boolean wanted = mutator == Choices.Mutator.LLM || e % 2 == 1;
        if (wanted && !waitForModel && emptyModelEpisodes >= MAX_EMPTY_MODEL_EPISODES) {
            emptyModelEpisodes = 0;
            return Turn.RULES;
        }
        return wanted && (available || waitForModel) ? Turn.MODEL : Turn.RULES;
    }

    /**
     * What an episode did: {@code proposed} children handed over, {@code filed} of them new in the database.
     *
     * @return true when the search is exhausted and the run should end
     */
    boolean record(Turn turn, int proposed, long filed) {
        if (turn == Turn.MODEL) {
            emptyModelEpisodes = proposed == 0 ? emptyModelEpisodes + 1 : 0;
            return false;
        }
        idle = filed == 0 ? idle + 1 : 0;
        return idle >= MAX_IDLE_EPISODES;
    }

    /** Rule-based episodes in a row that filed nothing new. */
    int idle() {
        return idle;
    }
}
