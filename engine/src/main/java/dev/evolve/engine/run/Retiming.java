package dev.evolve.engine.run;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;

/**
 * Noise control during a run: the seed and the champion are timed again now and then, so that a
 * lucky sample does not stay on top, and a new champion is confirmed with JMH before it is
 * reported.
 */
public interface Retiming {

    /** Times the seed again; later speedups are relative to this timing. */
    Timing retimeSeed() throws InterruptedException;

    /** Times an already measured program again (its output is checked again too). */
    EvaluationOutcome time(String source) throws InterruptedException;

    /**
     * The run has a new champion, timed as {@code timing}: screening may now cut short candidates
     * far slower than it.
     */
    default void newChampion(Timing timing) {
    }

    /** JMH scores of {@code source} and of the seed; null when JMH confirmation is off. */
    Confirmed confirm(String source) throws InterruptedException;

    /** Whether this re-timing does anything; the loop skips re-timing rounds when not. */
    default boolean retimes() {
        return true;
    }

    /**
     * No re-timing and no confirmation: for programs judged by a custom evaluator, whose score is not
     * a time.
     */
    static Retiming none() {
        return new Retiming() {
            @Override
            public boolean retimes() {
                return false;
            }

            @Override
            public Timing retimeSeed() {
                throw new UnsupportedOperationException("this target is not timed");
            }

            @Override
            public EvaluationOutcome time(String source) {
                throw new UnsupportedOperationException("this target is not timed");
            }

            @Override
            public Confirmed confirm(String source) {
                return null;
            }
        };
    }

    /** JMH average times per invocation (ms) of a program and of the seed, with their errors. */
    record Confirmed(EvaluationOutcome.Jmh program, EvaluationOutcome.Jmh seed) {
        public double speedup() {
            return seed.scoreMs() / program.scoreMs();
        }

        /** Whether JMH's speedup and the screen's ({@code screenSpeedup}) differ by more than a plausible factor. */
        public boolean implausible(double screenSpeedup) {
            return EvaluationOutcome.Jmh.implausible(speedup(), screenSpeedup);
        }
    }

    /**
     * Re-timing by evaluating again, without JMH: for evaluators that are not a cascade (plug-in
     * evaluators, synthetic ones in benchmarks).
     */
    static Retiming byReevaluation(dev.evolve.eval.VariantEvaluator evaluator, String seedSource) {
        return new Retiming() {
            @Override
            public Timing retimeSeed() throws InterruptedException {
                if (evaluator.evaluate(seedSource) instanceof EvaluationOutcome.Measured m) {
                    return m.timing();
                }
                throw new IllegalStateException("the seed no longer measures");
            }

            @Override
            public EvaluationOutcome time(String source) throws InterruptedException {
                return evaluator.evaluate(source);
            }

            @Override
            public Confirmed confirm(String source) {
                return null;
            }
        };
    }
}
