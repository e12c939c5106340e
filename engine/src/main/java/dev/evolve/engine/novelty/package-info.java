/**
 * Novelty before evaluation: a model child whose code embedding is nearly the same as one of its island's
 * programs is turned away before it costs an evaluation. Owns the {@link dev.evolve.engine.novelty.CodeEmbedder}
 * seam; the embedding model (LangChain4j's bundled all-MiniLM-L6-v2, ONNX, in process) stays inside this package.
 */
package dev.evolve.engine.novelty;
