package dev.evolve.engine.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** The configuration's choices, as enums whose YAML spelling is their lower-case name. */
public final class Choices {

    private Choices() {
    }

    /** A choice whose YAML spelling, {@link #key()}, is its lower-case name. */
    public interface Choice {
        String name();

        @JsonValue
        default String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who proposes children: rule-based rewrites, a language model, or both taking turns. */
    public enum Mutator implements Choice {
        AST, LLM, MIXED;

        @JsonCreator
        public static Mutator parse(String text) {
            return Choices.parse(Mutator.class, text, "mutator");
        }

        /** Whether this mutator asks a model at all. */
        public boolean usesModel() {
            return this != AST;
        }
    }

    /**
     * What a run does when its model fails: while it is down, and when its calls stop bringing new children.
     * {@code ast} hands the model's turns to the rule-based rewrites (and backs the model off); {@code wait} waits
     * while it is down; {@code stop} ends the run once the model is stalled. Unset, a {@code mixed} run takes
     * {@code ast} and an {@code llm} run {@code stop} ({@link ModelsSection#onFailure(Mutator)}).
     */
    public enum OnModelFailure implements Choice {
        AST, WAIT, STOP;

        @JsonCreator
        public static OnModelFailure parse(String text) {
            return Choices.parse(OnModelFailure.class, text, "on_model_failure");
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return e;
            }
        }
        throw new RunConfig.InvalidConfigException(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", was '" + text + "'");
    }
}
