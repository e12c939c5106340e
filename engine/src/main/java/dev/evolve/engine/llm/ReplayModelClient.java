package dev.evolve.engine.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Answers prompts from a run folder's recordings ({@link RecordingModelClient}) with no network. A prompt with no
 * recording fails with {@link ModelException.Kind#UNAVAILABLE} naming its hash; an unreadable or mismatched
 * recording fails the same way, naming the file.
 */
public final class ReplayModelClient implements ModelClient {

    private final Path folder;

    /** @param runDir a run folder holding {@code llm/} */
    public ReplayModelClient(Path runDir) {
        this.folder = Objects.requireNonNull(runDir, "runDir").resolve(RecordingModelClient.FOLDER);
    }

    @Override
    public Completion complete(Prompt prompt) throws ModelException {
        String hash = prompt.sha256();
        Path file = RecordingModelClient.fileFor(folder, prompt);
        RecordingModelClient.Recording recording;
        try {
            recording = RecordingModelClient.JSON.readValue(Files.readAllBytes(file), RecordingModelClient.Recording.class);
        } catch (NoSuchFileException e) {
            throw new ModelException(ModelException.Kind.UNAVAILABLE, "replay",
                    "no recording for prompt " + hash + " in " + folder);
        } catch (IOException | RuntimeException e) {
            throw new ModelException(ModelException.Kind.UNAVAILABLE, "replay",
                    "unreadable recording " + file + ": " + e.getMessage(), null, e);
        }
        if (!prompt.equals(recording.prompt())) {
            throw new ModelException(ModelException.Kind.UNAVAILABLE, "replay",
                    "recording " + file + " holds a different prompt than " + hash);
        }
        try {
            return new Completion(recording.text(), recording.model(), recording.inputTokens(), recording.outputTokens(),
                    Duration.ofMillis(recording.latencyMillis()), recording.attempts());
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.UNAVAILABLE, "replay",
                    "invalid recording " + file + ": " + e.getMessage(), null, e);
        }
    }

    @Override
    public String toString() {
        return "ReplayModelClient[" + folder + "]";
    }
}
