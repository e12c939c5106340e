package dev.evolve.engine.report;

/**
 * The run-time axis of the charts: minutes for a run past three minutes, else seconds.
 *
 * @param scale seconds per unit of the axis
 * @param title the axis title
 */
record TimeAxis(double scale, String title) {

    static TimeAxis of(Timeline t) {
        boolean minutes = t.endSeconds() > 180;
        return new TimeAxis(minutes ? 60 : 1, minutes ? "run time (min)" : "run time (s)");
    }
}
