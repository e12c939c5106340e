package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunSummary;
import java.util.List;

/**
 * What watches a run from outside the loop, in the manner of Jenetics' {@code peek}: the event log,
 * the display, the best file and the summary file each see what the loop reports and act on it; the
 * loop knows none of them. Every method has a default that ignores the report.
 */
public interface RunObserver {

    /** A record of what happened, in the order it happened. */
    default void event(RunEvent event) {
    }

    /** A line worth showing on its own that is not an event (a confirmation, a model outage). */
    default void message(String line) {
    }

    /** The program to keep as the run's best changed. */
    default void best(ProgramRecord best) {
    }

    /** Where the run stands, after each batch of children filed. */
    default void progress(Progress progress) {
    }

    /** The run's summary, after each episode and at the end. */
    default void summary(RunSummary summary) {
    }

    /** Every one of {@code observers}, in order. */
    static RunObserver all(List<RunObserver> observers) {
        List<RunObserver> each = List.copyOf(observers);
        return new RunObserver() {
            @Override public void event(RunEvent event) { each.forEach(o -> o.event(event)); }
            @Override public void message(String line) { each.forEach(o -> o.message(line)); }
            @Override public void best(ProgramRecord best) { each.forEach(o -> o.best(best)); }
            @Override public void progress(Progress progress) { each.forEach(o -> o.progress(progress)); }
            @Override public void summary(RunSummary summary) { each.forEach(o -> o.summary(summary)); }
        };
    }
}
