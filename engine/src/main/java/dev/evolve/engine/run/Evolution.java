package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.time.Duration;
import java.time.InstantSource;

/**
 * The loop of a run: pick an island and a parent, ask a {@link Proposer} (rule-based recipes, or a
 * model) for children, hand them to the {@link CandidatePipeline}, and stop when the budget is spent.
 * The {@link Schedule} says whose turn an episode is, the {@link Champion} re-times and confirms the
 * best, and {@link RunObserver}s outside the loop log, show and write what happens.
 *
 * <p>Everything a resume needs is in the database: programs (so nothing is evaluated twice),
 * and the counters in its run state. Randomness for episode {@code e} is derived from the run's
 * seed and {@code e} (see {@link Parents}), so a resumed run carries on with the random state it
 * would have had.
 */
public final class Evolution {

    /**
     * What the loop works with; the caller owns and closes them.
     *
     * @param model the model's proposer, or null for a run with rule-based mutations only
     */
    public record Parts(Target target, RunConfig config, String runId, ProgramDatabase db, VariantEvaluator evaluator,
                        Retiming retiming, RecipeSearch search, ModelProposer model, RunObserver observers,
                        InstantSource clock) {
    }

    private final Parts p;
    private final RunState state;
    private final Budget budget;
    private final Champion champion;
    private final Figures figures;
    private final CandidatePipeline pipeline;
    private final Parents parents;
    private final Schedule schedule;
    private final Proposer rules;
    private final dev.evolve.engine.record.Choices.OnModelFailure onModelFailure;

    private Evolution(Parts p, RunState state, Budget budget) {
        this.p = p;
        this.state = state;
        this.budget = budget;
        var evaluation = p.config().evaluation();
        int timingSize = evaluation.timingSize() != null ? evaluation.timingSize() : p.target().timingSize();
        this.champion = new Champion(p.db(), p.retiming(), p.target(), timingSize, p.observers(), state.champion);
        this.figures = new Figures(p.target(), timingSize, p.config().seed(), p.runId(),
                p.config().search().mutator().key(), p.db(), state, budget, champion,
                () -> p.model() == null ? null : p.model().stats(),
                () -> p.model() == null ? null : p.model().guidanceSummary());
        this.pipeline = new CandidatePipeline(p.target(), p.db(), p.evaluator(), evaluation.workers(), p.config().seed(),
                state, budget, champion, p.observers(), p.clock(), figures::progress);
        this.parents = new Parents(p.db(), p.config().database().islands(), p.config().seed());
        this.onModelFailure = p.config().models().onFailure(p.config().search().mutator());
        this.schedule = new Schedule(p.config().search().mutator(), onModelFailure, p.model());
        if (p.model() != null) {
            pipeline.checkNovelty(p.model().novelty());
            p.model().bindGuidance(p.db());               // before the model starts: a resumed run's guidance
        }
        this.rules = new RecipeProposer(p.search());
    }

    /** Prepares a run (new or resumed) from what its database holds. */
    public static Evolution prepare(Parts parts) {
        RunState state = RunState.load(parts.db());
        Budget budget = new Budget(parts.config().stop().duration(), parts.config().stop().iterations(),
                Duration.ofMillis(state.elapsedMs), parts.clock());
        return new Evolution(parts, state, budget);
    }

    public Budget budget() {
        return budget;
    }

    /**
     * Runs until the budget is spent or a stop is requested. The seed is evaluated and filed
     * first unless the database already holds it.
     *
     * @return the summary written to the run folder
     * @throws InterruptedException when interrupted; everything filed so far is kept
     */
    public RunSummary run() throws InterruptedException {
        boolean resumed = state.episodes > 0 || p.db().size() > 0;
        p.observers().event(new RunEvent.Started(resumed, p.runId(), p.target().name(), p.config().seed(),
                state.iterations, state.elapsedMs));
        try (pipeline) {
            pipeline.fileSeedIfMissing();
            champion.resume();
            while (budget.allowsAnother(state.iterations)) {
                if (p.model() != null) {
                    p.model().prefetch(parents::ahead);
                }
                long before = state.iterations;
                Schedule.Turn turn = schedule.next(state.episodes);
                if (turn == Schedule.Turn.END) {
                    // the model may not be replaced by the rewrites, and it brings nothing new (or may not be asked)
                    if (p.model().stalled()) {
                        p.observers().event(new RunEvent.LlmStalled(p.model().callsWithoutNewChild(),
                                onModelFailure.key(), null));
                    } else {
                        p.observers().message("stopping: the model budget is spent (on_model_failure: "
                                + onModelFailure.key() + ")");
                    }
                    return finish(RunEvent.Ending.MODEL_STALLED);
                }
                if (schedule.justBackedOff()) {
                    p.observers().event(new RunEvent.LlmStalled(p.model().callsWithoutNewChild(), "back_off",
                            schedule.backOff()));
                }
                Proposer.Outcome outcome = turn == Schedule.Turn.MODEL
                        ? p.model().episode(null, pipeline, () -> !budget.allowsAnother(state.iterations))
                        : rules.episode(parents.forEpisode(state.episodes), pipeline,
                                () -> !budget.allowsAnother(state.iterations));
                state.episodes++;
                outcome.repeatedParents().forEach(parents::repeated);
                if (outcome.record() != null) {
                    p.observers().event(outcome.record());
                }
                if (turn == Schedule.Turn.RULES) {
                    afterRuleEpisode();
                } else if (outcome.proposed() > 0) {
                    state.save(p.db(), budget);
                    p.observers().summary(figures.summary("running"));
                    p.observers().progress(figures.progress());     // with the lane's figures of this episode
                }
                if (schedule.record(turn, outcome.proposed(), state.iterations - before)) {
                    // every recipe around every elite has been tried: no budget would buy anything new
                    p.observers().event(new RunEvent.SearchExhausted(schedule.idle()));
                    break;
                }
            }
            return finish(RunEvent.Ending.FINISHED);
        } catch (InterruptedException e) {
            finish(RunEvent.Ending.INTERRUPTED);
            throw e;
        } catch (RuntimeException e) {
            try {
                finish(RunEvent.Ending.FAILED);          // what was filed stays; the run can be resumed
            } catch (RuntimeException | InterruptedException secondary) {
                e.addSuppressed(secondary);
            }
            throw e;
        }
    }

    /** After a rule-based episode: re-timing and JMH confirmation when due, then the state and summary. */
    private void afterRuleEpisode() throws InterruptedException {
        if (champion.retimeDue(state.iterations, p.config().evaluation().retimeInterval())) {
            state.evaluating(() -> {
                champion.retime(state.iterations);
                return null;
            });
        }
        if (p.config().evaluation().jmh() && champion.confirmationDue(budget.elapsed().toMillis())) {
            state.evaluating(() -> {
                champion.confirmBest(budget.elapsed().toMillis());
                return null;
            });
        }
        state.save(p.db(), budget);
        p.observers().summary(figures.summary("running"));
    }

    private RunSummary finish(RunEvent.Ending how) throws InterruptedException {
        if (p.model() != null) {
            p.model().close();                       // no more model requests (and no more cost) once the loop ends
        }
        if ((how == RunEvent.Ending.FINISHED || how == RunEvent.Ending.MODEL_STALLED) && p.config().evaluation().jmh() && p.db().best().isPresent()) {
            state.evaluating(() -> {
                champion.confirmFinalists(budget.elapsed().toMillis());
                return null;
            });
        }
        state.save(p.db(), budget);
        RunSummary summary = figures.summary(how.key());
        p.observers().summary(summary);
        p.observers().event(new RunEvent.Ended(how, state.iterations, budget.elapsed().toMillis(),
                summary.bestSpeedup()));
        p.observers().progress(figures.progress());
        return summary;
    }

    /** Where the run stands now. */
    Progress progress() {
        return figures.progress();
    }
}
