package dev.evolve.eval;

/**
 * Turns a variant's source into an outcome. Implementations are thread-safe: callers may
 * evaluate several variants at once, and the implementation decides what runs in parallel.
 */
public interface VariantEvaluator extends AutoCloseable {

    /** Evaluates one variant. Never throws for anything the variant does; that is an outcome. */
    EvaluationOutcome evaluate(String source) throws InterruptedException;

    /** Releases workers and other resources. */
    @Override
    void close();
}
