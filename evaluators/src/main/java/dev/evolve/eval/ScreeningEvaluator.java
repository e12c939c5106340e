package dev.evolve.eval;

/**
 * An evaluator that times variants against a seed it measured itself, and can be asked, during a
 * run, to time things again: the seed (noise drifts), the champion (a lucky sample must not stay
 * on top), and to cut short candidates far slower than the champion. The Java cascade, the OpenCL
 * evaluator and the Aparapi evaluator are such evaluators; the loop's re-timing is written once
 * against this interface.
 */
public interface ScreeningEvaluator extends VariantEvaluator {

    /** Times an already measured source again (its output is checked again too); no static check, no JMH. */
    EvaluationOutcome time(String source) throws InterruptedException;

    /** Times the seed again and keeps the new timing for later speedups. */
    Timing retimeSeed() throws InterruptedException;

    /** Screens later candidates against {@code reference} (the run's champion): far slower ones are cut short. */
    void screenAgainst(Timing reference);
}
