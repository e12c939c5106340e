package dev.evolve.engine.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model call that produced no usable reply. {@link #kind()} says why and whether retrying may help;
 * the message names the model and never contains an API key (provider bodies are redacted and truncated).
 */
public final class ModelException extends Exception {

    /** Why a call failed. */
    public enum Kind {
        /** HTTP 429: the provider asks to slow down; retried. */
        RATE_LIMITED(true),
        /** HTTP 5xx; retried. */
        SERVER_ERROR(true),
        /** No reply within the configured timeout (or HTTP 408); retried. */
        TIMEOUT(true),
        /** HTTP 400/404/422...: the request or model name is wrong; retrying cannot help. */
        BAD_REQUEST(false),
        /** HTTP 401/403 or a missing key. */
        AUTH(false),
        /** The provider cannot be reached, or a replay has no recording for the prompt. */
        UNAVAILABLE(false),
        /** The provider answered with no text. */
        EMPTY_REPLY(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether another attempt may succeed. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final String model;
    private final Duration retryAfter;

    public ModelException(Kind kind, String model, String message) {
        this(kind, model, message, null, null);
    }

    /**
     * @param retryAfter the wait the provider asked for (Retry-After), or null when it named none
     * @param cause the underlying failure; keep it free of keys (LangChain4j exceptions carry only status and body)
     */
    public ModelException(Kind kind, String model, String message, Duration retryAfter, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind") + " from " + Objects.requireNonNull(model, "model") + ": "
                + Objects.requireNonNull(message, "message"), cause);
        this.kind = kind;
        this.model = model;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The configured model name the call went to. */
    public String model() {
        return model;
    }

    /** The wait the provider asked for before the next request, when its reply said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
