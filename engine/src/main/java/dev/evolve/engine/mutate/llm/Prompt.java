package dev.evolve.engine.mutate.llm;

import dev.evolve.kernels.EvolveBlock;
import java.util.Objects;

/**
 * One request to a model: the system message, the user message, and the source the reply's edits apply to
 * (the parent, or for a repair the failed child).
 *
 * @param task       what the model is asked to do
 * @param system     the system message
 * @param user       the user message
 * @param baseSource the full source that SEARCH/REPLACE blocks and block rewrites in the reply refer to
 */
public record Prompt(Task task, String system, String user, String baseSource) {

    /** The kinds of request, each with its template. */
    public enum Task { DIFF, REWRITE, CROSSOVER, REPAIR }

    public Prompt {
        Objects.requireNonNull(task, "task");
        if (system == null || system.isBlank()) {
            throw new IllegalArgumentException("system message must not be blank");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user message must not be blank");
        }
        Objects.requireNonNull(baseSource, "baseSource");
        if (EvolveBlock.of(baseSource).isEmpty()) {
            throw new IllegalArgumentException("baseSource must hold exactly one evolve block");
        }
    }
}
