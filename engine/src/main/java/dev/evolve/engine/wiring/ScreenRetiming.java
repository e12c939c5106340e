package dev.evolve.engine.wiring;

import dev.evolve.engine.run.Retiming;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.ScreeningEvaluator;
import dev.evolve.eval.Timing;

/**
 * {@link Retiming} through the evaluator's own workers and device: the seed and the champion are
 * timed again like any candidate, and a new champion tightens the slow-candidate screen. Without
 * JMH ({@link #confirm} returns null) the screen's figures are the result: device kernels (OpenCL,
 * Aparapi), whose times JMH cannot take. {@link CascadeRetiming} adds JMH for Java kernels.
 */
class ScreenRetiming implements Retiming {

    private final ScreeningEvaluator evaluator;

    ScreenRetiming(ScreeningEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    @Override
    public Timing retimeSeed() throws InterruptedException {
        return evaluator.retimeSeed();
    }

    @Override
    public void newChampion(Timing timing) {
        evaluator.screenAgainst(timing);
    }

    @Override
    public EvaluationOutcome time(String source) throws InterruptedException {
        return evaluator.time(source);
    }

    @Override
    public Confirmed confirm(String source) throws InterruptedException {
        return null;
    }
}
