package dev.evolve.eval.jmh;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.kernels.KernelTarget;
import java.nio.file.Path;

/** Times a compiled variant with the fixed JMH harness in {@code benchmarks}. */
@FunctionalInterface
public interface JmhConfirmation {

    /**
     * Runs the harness on the class {@code className} found in {@code classDir}, at the
     * target's timing size, and returns JMH's score and error (ms per invocation).
     *
     * @throws JmhException when JMH could not produce a score (the variant failed in the fork, or JMH broke)
     */
    EvaluationOutcome.Jmh confirm(KernelTarget target, Path classDir, String className) throws InterruptedException;

    /** JMH ran but produced no score; the message says why. */
    final class JmhException extends RuntimeException {
        public JmhException(String message) {
            super(message);
        }
    }
}
