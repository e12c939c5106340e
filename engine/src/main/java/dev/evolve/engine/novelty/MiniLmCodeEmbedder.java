package dev.evolve.engine.novelty;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

/**
 * Embeddings from LangChain4j's bundled all-MiniLM-L6-v2 (384 dimensions), run by ONNX Runtime in this JVM: no
 * network, no key, no server. The model (90 MB) is loaded on first use, which takes about a second; a text longer
 * than the model's 256-token window is embedded in parts whose vectors are averaged (LangChain4j does that).
 */
public final class MiniLmCodeEmbedder implements CodeEmbedder {

    private volatile EmbeddingModel model;

    @Override
    public float[] embed(String text) {
        return model().embed(text.isBlank() ? "(empty)" : text).content().vector();
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    // the caller's thread runs the model: no pool of LangChain4j's own to leave behind
                    m = new AllMiniLmL6V2EmbeddingModel(Runnable::run);
                    model = m;
                }
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "all-MiniLM-L6-v2 (ONNX, in process)";
    }
}
