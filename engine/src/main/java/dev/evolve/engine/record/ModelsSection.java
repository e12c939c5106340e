package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The model side of a run: the models to mix ({@code list}), a dollar budget, requests in flight,
 * replies per request ({@code attempts}, a bad reply is answered with a repair prompt), retries of a
 * failed request, what to do while the model is down, and instead of a live model the recorded replies
 * of another run ({@code replay}); {@code templates} overrides the prompt templates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelsSection(@JsonProperty("list") List<Entry> list,
                            @JsonProperty("budget_usd") Double budgetUsd,
                            @JsonProperty("in_flight") int inFlight,
                            @JsonProperty("attempts") int attempts,
                            @JsonProperty("retries") int retries,
                            @JsonProperty("on_model_failure") Choices.OnModelFailure onModelFailure,
                            @JsonProperty("replay") String replay,
                            @JsonProperty("templates") String templates) {

    public static final ModelsSection DEFAULT = new ModelsSection(List.of(), null, 16, 3, 4,
            Choices.OnModelFailure.AST, null, null);

    public ModelsSection {
        list = list == null ? List.of() : List.copyOf(list);
        require(budgetUsd == null || budgetUsd >= 0, "models.budget_usd", "must be >= 0, was " + budgetUsd);
        require(inFlight >= 1 && inFlight <= 256, "models.in_flight", "must be in 1..256, was " + inFlight);
        require(attempts >= 1 && attempts <= 10, "models.attempts", "must be in 1..10, was " + attempts);
        require(retries >= 1 && retries <= 20, "models.retries", "must be in 1..20, was " + retries);
        require(onModelFailure != null, "on_model_failure", "must be one of [ast, wait]");
    }

    /** Whether this section can answer model requests at all: a model to ask or replies to replay. */
    public boolean answers() {
        return !list.isEmpty() || replay != null;
    }

    /**
     * One language model: {@code provider} openai (any OpenAI-compatible server: vLLM, llama.cpp,
     * LM Studio, Ollama's /v1), anthropic or gemini; the API key is read from the environment
     * variable named {@code api_key_env}, never from the configuration; prices in dollars per
     * million tokens.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            @JsonProperty("provider") String provider,
            @JsonProperty("base_url") String baseUrl,
            @JsonProperty("model") String model,
            @JsonProperty("api_key_env") String apiKeyEnv,
            @JsonProperty("weight") Double weight,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("input_price") Double inputPrice,
            @JsonProperty("output_price") Double outputPrice) {

        public Entry {
            require(model != null && !model.isBlank(), "models[].model", "must name the model");
            provider = provider == null ? "openai" : provider;
            require(List.of("openai", "anthropic", "gemini").contains(provider), "models[].provider",
                    "must be openai, anthropic or gemini, was '" + provider + "'");
            weight = weight == null ? 1.0 : weight;
            timeout = timeout == null ? "120s" : timeout;
            RunConfig.parseDuration(timeout, "models[].timeout");
            inputPrice = inputPrice == null ? 0.0 : inputPrice;
            outputPrice = outputPrice == null ? 0.0 : outputPrice;
        }
    }
}
