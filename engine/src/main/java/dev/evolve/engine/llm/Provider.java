package dev.evolve.engine.llm;

import java.util.Locale;

/** The wire protocol a model speaks. Local servers (Ollama, vLLM, llama.cpp, LM Studio) speak {@link #OPENAI}. */
public enum Provider {
    /** OpenAI chat completions ({@code POST <baseUrl>/chat/completions}); the base URL includes {@code /v1}. */
    OPENAI("https://api.openai.com/v1"),
    /** Anthropic Messages ({@code POST <baseUrl>messages}); the base URL ends in {@code /v1/}. */
    ANTHROPIC("https://api.anthropic.com/v1/"),
    /** Google AI Gemini ({@code generateContent}). */
    GEMINI("https://generativelanguage.googleapis.com/v1beta");

    private final String defaultBaseUrl;

    Provider(String defaultBaseUrl) {
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The provider's public endpoint, used when a spec names none. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Parses {@code openai}, {@code anthropic} or {@code gemini} (any case), with an error that lists them. */
    public static Provider parse(String name) {
        if (name != null) {
            for (Provider provider : values()) {
                if (provider.name().equalsIgnoreCase(name.strip())) {
                    return provider;
                }
            }
        }
        throw new IllegalArgumentException("provider must be one of openai, anthropic, gemini; was " + name);
    }

    /** The lower-case name used in configuration. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
