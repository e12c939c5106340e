package dev.evolve.engine.run;

import dev.evolve.engine.record.Choices;

/**
 * Whose turn an episode is, and when the search is over. With {@code --mutator llm} every episode is
 * the model's, with {@code mixed} every other one. What happens when the model fails follows
 * {@code on_model_failure}: with {@code ast}, while the model is down or its budget spent the rule-based
 * rewrites take its turns, after a few model episodes in a row that brought nothing new one turn goes to the
 * rewrites meanwhile, and a stalled model (its last calls brought no new child, see {@link LaneGuard}) is backed
 * off for a number of episodes that doubles each time; with {@code wait} the run waits while the model is down
 * (and the rewrites take over once its budget is spent); with {@code stop} it waits too, and ends once the
 * budget is spent; with {@code wait} or {@code stop} a stalled model ends the run.
 *
 * <p>A run whose episodes proposed children but filed nothing new {@value #MAX_IDLE_EPISODES} times in a row
 * (model episodes included: a duplicate or a near copy is nothing new) has tried every recipe around every
 * elite and heard every idea its model has: it ends on its own. A model episode that proposed nothing (the
 * model is still thinking) does not count either way.
 */
final class Schedule {

    /** Consecutive episodes without a single new child after which a run ends on its own. */
    static final int MAX_IDLE_EPISODES = 200;
    /** Consecutive model episodes without a new child after which a turn goes to the rewrites. */
    static final int MAX_EMPTY_MODEL_EPISODES = 3;
    /** Episodes the rewrites take over from a stalled model the first time; doubled each time after. */
    static final int FIRST_BACK_OFF = 4;
    /** The longest back-off, in episodes. */
    static final int MAX_BACK_OFF = 256;

    /** {@code END}: the run ends now, its model stalled and nothing may take its place. */
    enum Turn { RULES, MODEL, END }

    /** What the schedule needs to know of the model side. */
    interface ModelState {
        /** Children made and not yet taken. */
        boolean hasReady();

        /** Every model request is pausing after a failure. */
        boolean down();

        /** The cost budget is spent: no more requests. */
        boolean budgetSpent();

        /** The model's last calls brought no new child, and nothing of it is under way. */
        default boolean stalled() {
            return false;
        }

        /** Model calls since the last one whose child was new. */
        default long callsWithoutNewChild() {
            return 0;
        }

        /** Gives a stalled model a fresh allowance of calls. */
        default void retry() {
        }
    }

    private final Choices.Mutator mutator;
    private final Choices.OnModelFailure onModelFailure;
    private final ModelState model;
    private int idle;
    private int emptyModelEpisodes;
    private int backOff = FIRST_BACK_OFF;
    private long backedOffUntil = -1;
    private int lastBackOff;
    private boolean justBackedOff;

    /** @param model null for a run without a model */
    Schedule(Choices.Mutator mutator, Choices.OnModelFailure onModelFailure, ModelState model) {
        this.mutator = mutator;
        this.onModelFailure = onModelFailure;
        this.model = model;
    }

    /** Whose turn episode {@code e} is. */
    Turn next(long e) {
        justBackedOff = false;
        if (model == null) {
            return Turn.RULES;
        }
        boolean replaceable = onModelFailure == Choices.OnModelFailure.AST;
        if (backedOffUntil >= 0) {
            if (e < backedOffUntil) {
                return Turn.RULES;
            }
            backedOffUntil = -1;
            model.retry();
        }
        boolean stop = onModelFailure == Choices.OnModelFailure.STOP;
        if (model.stalled()) {
            if (!replaceable) {
                return Turn.END;
            }
            lastBackOff = backOff;
            backedOffUntil = e + backOff;
            backOff = Math.min(MAX_BACK_OFF, backOff * 2);
            justBackedOff = true;
            return Turn.RULES;
        }
        if (stop && model.budgetSpent() && !model.hasReady()) {
            return Turn.END;
        }
        boolean available = model.hasReady() || (!model.down() && !model.budgetSpent());
        boolean waitForModel = !replaceable && !model.budgetSpent();
        boolean wanted = mutator == Choices.Mutator.LLM || e % 2 == 1;
        if (wanted && !waitForModel && emptyModelEpisodes >= MAX_EMPTY_MODEL_EPISODES) {
            emptyModelEpisodes = 0;
            return Turn.RULES;
        }
        return wanted && (available || waitForModel) ? Turn.MODEL : Turn.RULES;
    }

    /** Whether the last {@link #next} backed a stalled model off (for {@link #backOff()} episodes). */
    boolean justBackedOff() {
        return justBackedOff;
    }

    /** The episodes of the latest back-off. */
    int backOff() {
        return lastBackOff;
    }

    /**
     * What an episode did: {@code proposed} children handed over, {@code filed} of them new in the database.
     *
     * @return true when the search is exhausted and the run should end
     */
    boolean record(Turn turn, int proposed, long filed) {
        if (turn == Turn.MODEL) {
            emptyModelEpisodes = filed == 0 ? emptyModelEpisodes + 1 : 0;
            if (proposed == 0) {
                return false;                    // the model is still thinking: no verdict on the search
            }
        }
        idle = filed == 0 ? idle + 1 : 0;
        return idle >= MAX_IDLE_EPISODES;
    }

    /** Episodes in a row that proposed children but filed nothing new. */
    int idle() {
        return idle;
    }
}
