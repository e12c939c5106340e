package dev.evolve.engine.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The folder of one run. {@code run.json} marks it as a run; beside it: the effective
 * {@code config.yaml}, the program database {@code programs.db}, the event log
 * {@code events.jsonl}, {@code summary.json} and {@code best.java}.
 */
public final class RunFolder {

    public static final String MARKER = "run.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final String runId;

    private RunFolder(Path dir, String runId) {
        this.dir = dir;
        this.runId = runId;
    }

    /** A fresh run id: {@code <target>-<UTC timestamp>}. */
    public static String newRunId(String target, Instant now) {
        return target + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(now);
    }

    /**
     * Creates the folder for a new run. Refuses, changing nothing, a folder that exists and is
     * not empty: a run must be continued with {@code resume}, and anything else is not ours.
     */
    public static RunFolder create(Path dir, String runId, String target, Instant now) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new RunFolderException(dir + " exists and is not a folder");
            }
            if (Files.exists(dir.resolve(MARKER))) {
                throw new RunFolderException(dir + " already holds a run; continue it with 'evolve resume " + dir
                        + "' or choose another --out");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new RunFolderException(dir + " exists, is not empty and is not a run; choose another --out");
                }
            } catch (IOException e) {
                throw new RunFolderException("cannot read " + dir + ": " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(dir);
            Map<String, Object> marker = new LinkedHashMap<>();
            marker.put("format", 1);
            marker.put("run_id", runId);
            marker.put("target", target);
            marker.put("created", now.toString());
            marker.put("machine", Machine.detect().toMap());
            Files.writeString(dir.resolve(MARKER), JSON.writeValueAsString(marker), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFolderException("cannot create the run folder " + dir + ": " + e.getMessage());
        }
        return new RunFolder(dir, runId);
    }

    /** Opens an existing run for {@code resume}; refuses anything that is not a complete run folder. */
    public static RunFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RunFolderException(dir + " is not a folder");
        }
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            throw new RunFolderException(dir + " is not a run (no " + MARKER + ")");
        }
        for (String needed : new String[] {"config.yaml", "programs.db"}) {
            if (!Files.isRegularFile(dir.resolve(needed))) {
                throw new RunFolderException(dir + " is not a complete run (no " + needed + ")");
            }
        }
        try {
            var tree = JSON.readTree(marker.toFile());
            if (tree == null || !tree.path("run_id").isTextual()) {
                throw new RunFolderException(marker + " is not a run marker");
            }
            return new RunFolder(dir, tree.path("run_id").asText());
        } catch (IOException e) {
            throw new RunFolderException(marker + " is not readable: " + e.getMessage());
        }
    }

    public Path dir() { return dir; }
    public String runId() { return runId; }
    public Path config() { return dir.resolve("config.yaml"); }
    public Path database() { return dir.resolve("programs.db"); }
    public Path events() { return dir.resolve("events.jsonl"); }
    public Path summary() { return dir.resolve("summary.json"); }
    public Path best() { return dir.resolve("best.java"); }

    /** The best program of a target whose variants are written as {@code fileName}: {@code best} with its extension. */
    public Path best(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? dir.resolve("best" + fileName.substring(dot)) : dir.resolve("best");
    }

    /** Replaces {@code file} atomically, so a crash leaves the old or the new content, never half. */
    public static void writeAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The folder is not usable for what was asked; the message says why. */
    public static final class RunFolderException extends RuntimeException {
        public RunFolderException(String message) {
            super(message);
        }
    }
}
