package dev.evolve.engine.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A non-2xx HTTP reply that keeps the {@code Retry-After} header. LangChain4j's own {@link HttpException} carries
 * only the status and body; its exception mapper keeps the original as the root cause of the
 * {@code RateLimitException} (or other) it throws, which is how {@link LangChainModelClient} finds this again.
 */
final class RetryAfterHttpException extends HttpException {

    private final transient Duration retryAfter;

    RetryAfterHttpException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Parses a Retry-After value: delay-seconds or an HTTP date (RFC 1123), relative to {@code now}.
     * Returns empty for a missing or unreadable value; a date in the past gives zero.
     */
    static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
