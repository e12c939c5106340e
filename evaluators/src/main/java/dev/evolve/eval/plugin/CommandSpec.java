package dev.evolve.eval.plugin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An evaluator command: its argument vector (no shell unless it names one, e.g.
 * {@code [sh, -c, "..."]}), with the placeholders {@code {file}} (the candidate's file),
 * {@code {dir}} (its private directory) and {@code {target}} (the target's folder); the deadline
 * after which the command and everything it started are killed; and files of the target folder
 * copied into the private directory before it runs.
 *
 * @param folder the target's folder, where {@code files} are found
 * @param files  paths relative to {@code folder} (files or folders), copied under the same relative path
 */
public record CommandSpec(List<String> command, Duration timeout, Path folder, List<String> files) {

    public CommandSpec {
        if (command == null || command.isEmpty() || command.getFirst() == null || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("the command names a program to run");
        }
        command = List.copyOf(command);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be > 0, was " + timeout);
        }
        Objects.requireNonNull(folder, "folder");
        files = files == null ? List.of() : List.copyOf(files);
    }
}
