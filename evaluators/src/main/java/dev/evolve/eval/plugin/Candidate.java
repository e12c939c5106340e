package dev.evolve.eval.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One program to judge, as a {@link ProgramEvaluator} receives it.
 *
 * @param source    the program's full text, evolve block markers included
 * @param language  the target's language as its spec states it, e.g. {@code python} or {@code text}
 * @param directory a fresh private directory for this candidate alone (deleted afterwards); also the
 *                  place for any scratch files
 * @param file      where {@code source} is already written, inside {@code directory}, under the
 *                  target's file name
 */
public record Candidate(String source, String language, Path directory, Path file) {

    public Candidate {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(file, "file");
    }
}
