package dev.evolve.engine.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Stores every prompt and its completion in a run folder, {@code llm/<sha256 of the prompt>.json}, so the run can
 * be replayed without a network ({@link ReplayModelClient}). A file holds the prompt, the reply text, the model,
 * the token counts, the latency and the attempts; never a key (none reaches this layer). Failures are not stored.
 *
 * <p>The same prompt asked again is kept beside the first, {@code llm/<sha256>-2.json} and so on, so that every
 * exchange is there to replay: a replay answers the n-th asking of a prompt with its n-th recording.
 * Files are written to a temporary name and moved into place, so a killed run never leaves half a recording.
 */
public final class RecordingModelClient implements ModelClient {

    static final String FOLDER = "llm";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The stored form of one exchange; {@code order} (microseconds since the epoch, made strictly increasing within
     * a process) says when it was recorded, finer than a file's modification time, so that replies a few
     * microseconds apart replay in their order (0 in recordings made before it was kept).
     */
    record Recording(ModelRequest prompt, String text, String model, long inputTokens, long outputTokens, long latencyMillis,
            int attempts, long order) {}

    private static final java.util.concurrent.atomic.AtomicLong ORDER = new java.util.concurrent.atomic.AtomicLong();

    private static long nextOrder() {
        java.time.Instant now = java.time.Instant.now();
        long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
        return ORDER.updateAndGet(previous -> Math.max(previous + 1, micros));
    }

    private final ModelClient delegate;
    private final Path folder;

    /** @param runDir the run folder; {@code llm/} is created inside it */
    public RecordingModelClient(ModelClient delegate, Path runDir) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.folder = Objects.requireNonNull(runDir, "runDir").resolve(FOLDER);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording folder " + folder, e);
        }
    }

    @Override
    public Completion complete(ModelRequest prompt) throws ModelException, InterruptedException {
        Completion completion = delegate.complete(prompt);
        Recording recording = new Recording(prompt, completion.text(), completion.model(), completion.inputTokens(),
                completion.outputTokens(), completion.latency().toMillis(), completion.attempts(), nextOrder());
        Path target = fileFor(folder, prompt);
        try {
            Path temp = Files.createTempFile(folder, ".recording-", ".tmp");
            try {
                JSON.writeValue(temp.toFile(), recording);
                synchronized (this) {                  // one name per exchange, even for a prompt asked at once twice
                    for (int n = 2; Files.exists(target); n++) {
                        target = fileFor(folder, prompt, n);
                    }
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording " + target, e);
        }
        return completion;
    }

    static Path fileFor(Path llmFolder, ModelRequest prompt) {
        return llmFolder.resolve(prompt.sha256() + ".json");
    }

    /** The recording of the {@code n}-th asking of {@code prompt} (n >= 2; the first is {@link #fileFor(Path, ModelRequest)}). */
    static Path fileFor(Path llmFolder, ModelRequest prompt, int n) {
        return llmFolder.resolve(prompt.sha256() + "-" + n + ".json");
    }

    @Override
    public String toString() {
        return "RecordingModelClient[" + folder + ", " + delegate + "]";
    }
}
