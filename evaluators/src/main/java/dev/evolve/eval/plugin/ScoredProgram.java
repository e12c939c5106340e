package dev.evolve.eval.plugin;

import java.util.Objects;

/**
 * How the programs of a scored target are written and judged: their language, the file name a
 * candidate is written to, the seed whose evolve block they extend, and which way is better.
 *
 * @param maximize true when higher values of the primary metric are better ({@code goal: maximize})
 */
public record ScoredProgram(String language, String fileName, String seedSource, boolean maximize) {

    public ScoredProgram {
        if (language == null || language.isBlank()) {
            throw new IllegalArgumentException("language is required");
        }
        if (fileName == null || fileName.isBlank() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("file name must be a plain file name, was " + fileName);
        }
        Objects.requireNonNull(seedSource, "seedSource");
    }
}
