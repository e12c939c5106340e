package dev.evolve.engine.llm;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the LangChain4j chat model a {@link ModelSpec} describes, wrapped as a {@link ModelClient}.
 *
 * <pre>{@code
 * ModelClient client = ModelClients.create(spec, System.getenv());
 * }</pre>
 *
 * <p>Every client sends exactly one HTTP request per call: LangChain4j's retries are off (wrap in
 * {@link RetryingModelClient}), and request/response logging is off so keys and prompts stay out of logs.
 */
public final class ModelClients {

    /** Sent as the key to endpoints that need none (local servers ignore it; LangChain4j requires one). */
    private static final String NO_KEY = "no-key";

    private ModelClients() {}

    /**
     * @param env the environment to read the key from (normally {@code System.getenv()})
     * @throws IllegalArgumentException the spec names a key variable that is unset or blank (the message names the
     *     variable, never a value)
     */
    public static ModelClient create(ModelSpec spec, Map<String, String> env) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(env, "env");
        String key = NO_KEY;
        if (!spec.apiKeyEnv().isEmpty()) {
            String value = env.get(spec.apiKeyEnv());
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("model " + spec.model() + ": environment variable "
                        + spec.apiKeyEnv() + " (apiKeyEnv) is not set");
            }
            key = value.strip();
        } else if (spec.provider() != Provider.OPENAI) {
            throw new IllegalArgumentException("model " + spec.model() + ": apiKeyEnv is required for provider "
                    + spec.provider().configName());
        }
        ChatModel chatModel = switch (spec.provider()) {
            case OPENAI -> OpenAiChatModel.builder()
                    .httpClientBuilder(HeaderAwareHttpClient.builder())
                    .baseUrl(spec.effectiveBaseUrl())
                    .apiKey(key)
                    .modelName(spec.model())
                    .timeout(spec.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .httpClientBuilder(HeaderAwareHttpClient.builder())
                    .baseUrl(spec.effectiveBaseUrl())
                    .apiKey(key)
                    .modelName(spec.model())
                    .timeout(spec.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .httpClientBuilder(HeaderAwareHttpClient.builder())
                    .baseUrl(spec.effectiveBaseUrl())
                    .apiKey(key)
                    .modelName(spec.model())
                    .timeout(spec.timeout())
                    .maxRetries(0)
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        };
        return new LangChainModelClient(spec, chatModel, NO_KEY.equals(key) ? "" : key);
    }
}
