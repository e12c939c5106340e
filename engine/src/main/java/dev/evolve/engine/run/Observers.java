package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.EventLog;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.eval.EvaluationOutcome;
import java.util.List;

/** The observers of a run: its event log, its display, its best file and its summary file. */
public final class Observers {

    private Observers() {
    }

    /** The observers every run has, writing into {@code folder}; {@code fileName} is how the target names a variant. */
    public static RunObserver standard(RunFolder folder, String fileName, EventLog events, RunDisplay display) {
        return RunObserver.all(List.of(eventLog(events), display(display), bestFile(folder, fileName),
                summaryFile(folder)));
    }

    /** Writes every event to {@code events.jsonl}. */
    public static RunObserver eventLog(EventLog log) {
        return new RunObserver() {
            @Override
            public void event(RunEvent event) {
                log.log(event);
            }
        };
    }

    /** Keeps the best program as {@code best.<ext>}. */
    public static RunObserver bestFile(RunFolder folder, String fileName) {
        return new RunObserver() {
            @Override
            public void best(ProgramRecord best) {
                RunFolder.writeAtomically(folder.best(fileName), best.source());
            }
        };
    }

    /** Keeps {@code summary.json} up to date. */
    public static RunObserver summaryFile(RunFolder folder) {
        return new RunObserver() {
            @Override
            public void summary(RunSummary summary) {
                RunFolder.writeAtomically(folder.summary(), summary.toJson());
            }
        };
    }

    /** Shows progress, messages, and the events a person watching wants to see as lines of their own. */
    public static RunObserver display(RunDisplay display) {
        return new RunObserver() {
            @Override
            public void event(RunEvent event) {
                String line = lineOf(event);
                if (line != null) {
                    display.message(line);
                }
            }

            @Override
            public void message(String line) {
                display.message(line);
            }

            @Override
            public void progress(Progress progress) {
                display.update(progress);
            }
        };
    }

    /** The display line of an event, or null for events that show only in the progress line. */
    static String lineOf(RunEvent event) {
        return switch (event) {
            case RunEvent.NewBest b when b.primaryMetric() != null -> String.format("new best: %s = %s (iteration %d, %s)",
                    b.primaryMetric(), EvaluationOutcome.Scored.format(b.score()), b.iteration(), b.origin());
            case RunEvent.NewBest b -> String.format("new best: %.2fx the seed, %.2f GFLOP/s (iteration %d, %s)",
                    b.speedup(), b.gflops(), b.iteration(), b.origin());
            case RunEvent.EvaluatorError e -> "the evaluator failed (" + e.error() + "); the child is not filed";
            case RunEvent.RetimeChampion r when r.status() != null ->
                    "the champion failed when timed again (" + r.status() + "); it is demoted";
            case RunEvent.SearchExhausted s ->
                    "stopping: the last " + s.idleEpisodes() + " episodes proposed nothing new";
            case RunEvent.LlmStalled s when s.episodes() != null -> "the model's last " + s.calls()
                    + " calls brought no new child: the rule-based rewrites take its turns for the next "
                    + s.episodes() + " episodes";
            case RunEvent.LlmStalled s -> "stopping: the model's last " + s.calls()
                    + " calls brought no new child (on_model_failure: " + s.action() + ")";
            case RunEvent.LlmBudgetSpent s ->
                    String.format("the model budget is spent ($%.4f): no more model requests", s.cost());
            case RunEvent.Cluster c when !c.name().equals("dispatched") -> c.name().replace('_', ' ') + ": "
                    + (c.member() == null ? "" : c.member()) + (c.candidate() == null ? ""
                    : " candidate " + c.candidate().substring(0, Math.min(12, c.candidate().length()))
                    + " attempt " + c.attempt()) + (c.detail() == null ? "" : " (" + c.detail() + ")");
            default -> null;
        };
    }
}
