package dev.evolve.engine.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured model: where it is, how it is priced and how often it is asked. Holds the <em>name</em> of
 * the environment variable with the API key, never the key.
 *
 * <pre>{@code
 * new ModelSpec(Provider.OPENAI, "http://localhost:11434/v1", "qwen2.5-coder:7b", "", 1.0,
 *               Duration.ofSeconds(120), 0, 0)          // a local Ollama model, no key
 * }</pre>
 *
 * @param provider the wire protocol
 * @param baseUrl the endpoint (http or https); empty for the provider's public one
 * @param model the model name sent to the provider; also names the model in accounting and recordings
 * @param apiKeyEnv name of the environment variable holding the key; empty when the endpoint needs none
 * @param weight relative share of requests before any reward is known, positive
 * @param timeout how long one request may take, positive
 * @param inputPricePerMillion price of a million prompt tokens (any currency, used consistently), not negative
 * @param outputPricePerMillion price of a million reply tokens, not negative
 */
public record ModelSpec(
        Provider provider,
        String baseUrl,
        String model,
        String apiKeyEnv,
        double weight,
        Duration timeout,
        double inputPricePerMillion,
        double outputPricePerMillion) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv.strip();
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: a model name is required");
        }
        model = model.strip();
        if (!baseUrl.isEmpty()) {
            checkUrl(baseUrl);
        }
        if (!apiKeyEnv.isEmpty() && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            // A key pasted here by mistake must not end up in an error message or a log.
            throw new IllegalArgumentException(
                    "apiKeyEnv: must be the NAME of an environment variable (letters, digits, _), not a key");
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight: must be positive and finite, was " + weight);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: must be positive, was " + timeout);
        }
        checkPrice("inputPricePerMillion", inputPricePerMillion);
        checkPrice("outputPricePerMillion", outputPricePerMillion);
    }

    /** The base URL to call: the configured one, else the provider's public endpoint. */
    public String effectiveBaseUrl() {
        return baseUrl.isEmpty() ? provider.defaultBaseUrl() : baseUrl;
    }

    /** What {@code inputTokens} prompt tokens and {@code outputTokens} reply tokens cost with this spec's prices. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPricePerMillion + outputTokens * outputPricePerMillion) / 1_000_000.0;
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl: not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: must be an http or https URL with a host, was " + url);
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null) {
            // Credentials belong in the environment, not in a URL that is printed and recorded.
            throw new IllegalArgumentException("baseUrl: must not carry user info or a query string");
        }
    }

    private static void checkPrice(String field, double price) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(field + ": must be zero or positive and finite, was " + price);
        }
    }
}
