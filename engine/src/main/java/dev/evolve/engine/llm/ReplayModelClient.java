package dev.evolve.engine.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Answers prompts from a run folder's recordings ({@link RecordingModelClient}) with no network. A prompt with no
 * recording fails with {@link ModelException.Kind#UNAVAILABLE} naming its hash; an unreadable or mismatched
 * recording fails the same way, naming the file. In order ({@code inOrder}), a prompt is answered only with a
 * recording of its own {@link ModelRequest#purpose()}: program edits and guidance rewrites each replay in the
 * order they were recorded, however the two interleave.
 */
public final class ReplayModelClient implements ModelClient {

    private final Path folder;

    /** @param runDir a run folder holding {@code llm/} */
    public ReplayModelClient(Path runDir) {
        this(runDir, false);
    }

    /**
     * @param inOrder when a prompt was not recorded, answer with the next recording not served yet,
     *                in the order they were recorded: a rerun whose prompts differ (its timings, and
     *                so the metrics in its prompts, do) still replays the model's replies
     */
    public ReplayModelClient(Path runDir, boolean inOrder) {
        this.folder = Objects.requireNonNull(runDir, "runDir").resolve(RecordingModelClient.FOLDER);
        this.unserved = inOrder ? recordedOrder(folder) : null;
    }

    private final Map<Path, String> purposes = new HashMap<>();

    private final java.util.Deque<Path> unserved;

    /** The recordings in the order they were recorded: by their {@code order}, else (older ones) by their files' times. */
    private java.util.Deque<Path> recordedOrder(Path folder) {
        Map<Path, Long> when = new HashMap<>();
        try (var files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> {
                long order = 0;
                try {
                    JsonNode recording = RecordingModelClient.JSON.readTree(f.toFile());
                    order = recording.path("order").asLong(0);
                    JsonNode purpose = recording.path("prompt").path("purpose");
                    purposes.put(f, purpose.isTextual() ? purpose.asText() : ModelRequest.EDIT);
                    if (order <= 0) {
                        Instant modified = Files.getLastModifiedTime(f).toInstant();
                        order = modified.getEpochSecond() * 1_000_000 + modified.getNano() / 1_000;
                    }
                } catch (IOException | RuntimeException e) {
                    purposes.put(f, ModelRequest.EDIT);  // unreadable: served as an edit, and its reading fails then
                }
                when.put(f, order);
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list the recordings in " + folder, e);
        }
        return when.keySet().stream()
                .sorted(java.util.Comparator.comparing((Path f) -> when.get(f)).thenComparing(Path::toString))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayDeque::new));
    }

    @Override
    public Completion complete(ModelRequest prompt) throws ModelException {
        String hash = prompt.sha256();
        Path file = RecordingModelClient.fileFor(folder, prompt);
        if (unserved != null) {
            synchronized (unserved) {
                file = pollFirstAsked(hash);
                if (file == null) {
                    file = pollFirstOf(prompt.purpose());
                    if (file == null) {
                        throw new ModelException(ModelException.Kind.UNAVAILABLE, "replay",
                                "every recording in " + folder + " for purpose " + prompt.purpose()
                                        + " has been replayed");
                    }
                }
            }
            return read(file, prompt, true);
        }
        synchronized (asked) {                         // the n-th asking of a prompt: its n-th recording, else the last
            int n = asked.merge(hash, 1, Integer::sum);
            Path nth = n == 1 ? file : RecordingModelClient.fileFor(folder, prompt, n);
            while (n > 1 && !Files.exists(nth)) {
                nth = --n == 1 ? file : RecordingModelClient.fileFor(folder, prompt, n);
            }
            file = nth;
        }
        return read(file, prompt, false);
    }

    private final java.util.Map<String, Integer> asked = new java.util.HashMap<>();

    /** The earliest recording not served yet of the prompt with {@code hash}, taken out; null when none. */
    private Path pollFirstAsked(String hash) {
        for (var it = unserved.iterator(); it.hasNext(); ) {
            Path f = it.next();
            String name = f.getFileName().toString();
            if (name.equals(hash + ".json") || name.startsWith(hash + "-")) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    /** The first recording not served yet whose prompt has {@code purpose}, taken out; null when none. */
    private Path pollFirstOf(String purpose) {
        for (var it = unserved.iterator(); it.hasNext(); ) {
            Path f = it.next();
            if (purpose.equals(purposes.get(f))) {
                it.remove();
                return f;
            }
        }
        return null;
    }

    private Completion read(Path file, ModelRequest prompt, boolean anyPrompt) throws ModelException {
        String hash = prompt.sha256();
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
        if (!anyPrompt && !prompt.equals(recording.prompt())) {
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
