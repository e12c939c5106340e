/**
 * Novelty before evaluation: a model child whose code embedding is nearly the same as one of its island's
 * programs is turned away before it costs an evaluation. Owns the {@link dev.evolve.engine.novelty.CodeEmbedder}
 * seam; the embedding model (all-MiniLM-L6-v2 as LangChain4j bundles it, run by ONNX Runtime in process, one
 * session per embedder) stays inside this package. Embeddings are kept by program id and by embedded text in
 * bounded caches, so a check costs at most one embedding of the child.
 */
package dev.evolve.engine.novelty;
