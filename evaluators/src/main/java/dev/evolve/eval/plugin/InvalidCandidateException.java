package dev.evolve.eval.plugin;

/**
 * Thrown by a {@link ProgramEvaluator} when the candidate is wrong (its output is invalid, it breaks
 * a rule of the problem). The message says why; it is recorded with the candidate and shown to the
 * mutator, so make it specific: which constraint, where.
 */
public class InvalidCandidateException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidCandidateException(String message) {
        super(message);
    }
}
