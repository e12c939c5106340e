package dev.evolve.engine.novelty;

/**
 * Turns program text into a vector whose cosine similarity says how alike two programs read. Implementations are
 * deterministic (the same text gives the same vector), so that a replayed run turns away the same children.
 */
@FunctionalInterface
public interface CodeEmbedder {

    /** The embedding of {@code text}; never empty, the same length for every text. */
    float[] embed(String text);
}
