package dev.evolve.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What a best-so-far chart plots, in its units: every measured child (evenly thinned to {@link Charts#MAX_POINTS})
 * and the steps of the best so far, held to the end of the x axis. The values are speedups, or for a scored
 * run the primary metric as the evaluator gave it.
 *
 * @param logarithmic whether the y axis is logarithmic: always for speedups; for a primary metric when every
 *                    value is positive and they span more than a factor of 10 (an energy falling from
 *                    thousands to tens), else linear (values at or below 0, or close together)
 */
record BestPlot(List<Double> cloudX, List<Double> cloudY, List<Double> bestX, List<Double> bestY,
                boolean logarithmic) {

    /** What {@link Charts#bestVsTime} plots (x in seconds, or minutes past 3 minutes); needs a best so far. */
    static BestPlot overTime(Timeline t) {
        List<Timeline.Best> best = t.bestSoFar();
        double scale = TimeAxis.of(t).scale();
        return bestPlot(t, best, e -> e.seconds() / scale, b -> b.seconds() / scale,
                Math.max(t.endSeconds(), best.getLast().seconds()) / scale);
    }

    /** What {@link Charts#bestVsIteration} plots; needs a best so far. */
    static BestPlot overIterations(Timeline t) {
        List<Timeline.Best> best = t.bestSoFar();
        long lastIteration = t.evaluations().stream().mapToLong(Timeline.Evaluation::iteration).max().orElse(0);
        return bestPlot(t, best, e -> (double) e.iteration(), b -> (double) b.iteration(),
                Math.max(lastIteration, best.getLast().iteration()));
    }

    private static BestPlot bestPlot(Timeline t, List<Timeline.Best> best, ToDoubleFunction<Timeline.Evaluation> x,
                                     ToDoubleFunction<Timeline.Best> bestX, double endX) {
        List<Timeline.Evaluation> measured = t.scored()
                ? t.measured().stream().filter(e -> e.primary() != null).toList() : t.measured();
        int step = Math.max(1, (measured.size() + Charts.MAX_POINTS - 1) / Charts.MAX_POINTS);
        List<Double> cx = new ArrayList<>();
        List<Double> cy = new ArrayList<>();
        for (int i = 0; i < measured.size(); i += step) {
            cx.add(x.applyAsDouble(measured.get(i)));
            cy.add(t.scored() ? measured.get(i).primary() : measured.get(i).score());
        }
        List<Double> bx = new ArrayList<>();
        List<Double> by = new ArrayList<>();
        for (Timeline.Best b : best) {
            bx.add(bestX.applyAsDouble(b));
            by.add(b.value());
        }
        bx.add(endX);
        by.add(best.getLast().value());
        boolean log = true;
        if (t.scored()) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (List<Double> ys : List.of(cy, by)) {
                for (double v : ys) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            log = lo > 0 && hi > 10 * lo;
        }
        return new BestPlot(cx, cy, bx, by, log);
    }
}
