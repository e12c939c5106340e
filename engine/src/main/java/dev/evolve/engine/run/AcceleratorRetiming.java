package dev.evolve.engine.run;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.opencl.OpenClEvaluator;

/**
 * {@link Retiming} on an OpenCL evaluator: the seed and the champion are timed again through the
 * same workers and device as any candidate; a new champion tightens the slow-candidate screen.
 * There is no JMH for device kernels: {@link #confirm} returns null, and the screen's figures
 * (kernel times from profiling events) are the result.
 */
final class AcceleratorRetiming implements Retiming {

    private final OpenClEvaluator evaluator;

    AcceleratorRetiming(OpenClEvaluator evaluator) {
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
    public Confirmed confirm(String source) {
        return null;
    }
}
