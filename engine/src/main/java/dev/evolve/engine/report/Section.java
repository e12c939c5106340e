package dev.evolve.engine.report;

import java.util.Objects;

/**
 * One section of a report: its data, or the reason the run folder cannot give it (an interrupted run,
 * an older folder, a run without JMH figures).
 *
 * @param <T> the section's data
 */
public sealed interface Section<T> {

    /** The data is there. */
    record Available<T>(T value) implements Section<T> {
        public Available {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The data is not there; {@code reason} says why, in words for the reader of the report. */
    record Unavailable<T>(String reason) implements Section<T> {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Section<T> of(T value) {
        return new Available<>(value);
    }

    static <T> Section<T> unavailable(String reason) {
        return new Unavailable<>(reason);
    }

    /** The data, or null when unavailable. */
    default T orNull() {
        return this instanceof Available<T> a ? a.value() : null;
    }

    default boolean isAvailable() {
        return this instanceof Available<T>;
    }
}
