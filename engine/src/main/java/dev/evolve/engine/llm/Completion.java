package dev.evolve.engine.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * A model's whole reply.
 *
 * @param text the reply text, never blank (a blank reply is {@link ModelException.Kind#EMPTY_REPLY})
 * @param model the configured model name that answered (the {@link ModelSpec#model()}, which prices it)
 * @param inputTokens prompt tokens the provider reported, 0 when it reported none
 * @param outputTokens reply tokens the provider reported, 0 when it reported none
 * @param latency wall time from the first request to the reply, waits between attempts included
 * @param attempts requests sent for this reply, at least 1
 */
public record Completion(String text, String model, long inputTokens, long outputTokens, Duration latency, int attempts) {

    public Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(latency, "latency");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a completion's text must not be blank");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", " + outputTokens);
        }
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    /** The same reply, counted with another latency and number of attempts (used by the retrying decorator). */
    public Completion withAttempts(Duration totalLatency, int totalAttempts) {
        return new Completion(text, model, inputTokens, outputTokens, totalLatency, totalAttempts);
    }
}
