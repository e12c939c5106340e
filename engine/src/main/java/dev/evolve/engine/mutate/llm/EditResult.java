package dev.evolve.engine.mutate.llm;

import java.util.Objects;

/** What a model's reply amounts to: a child source, or the reason it cannot be used. */
public sealed interface EditResult {

    /**
     * The reply applied: {@code source} is the base source with its evolve block replaced and everything
     * outside the block exactly as it was.
     */
    record Applied(String source, ParsedEdit edit) implements EditResult {
        public Applied {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(edit, "edit");
        }
    }

    /** The reply cannot be used; {@code reason} is written to be shown to the model in the next prompt. */
    record Rejected(String reason) implements EditResult {
        public Rejected {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }
    }
}
