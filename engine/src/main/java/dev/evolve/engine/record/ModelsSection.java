package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The model side of a run: the models to mix ({@code list}), a dollar budget, requests in flight,
 * replies per request ({@code attempts}, a bad reply is answered with a repair prompt), retries of a
 * failed request, what to do when the model fails ({@code on_model_failure}, unset: by mutator), how many
 * model calls may pass without a new child before the model lane backs off or the run stops
 * ({@code max_calls_per_child}), the cosine similarity of code embeddings at which a model child counts as a
 * near copy of its island's programs and is not evaluated ({@code novelty_similarity}, 0 turns the check off),
 * and instead of a live model the recorded replies of another run ({@code replay}); {@code templates}
 * overrides the prompt templates; {@code guidance} evolves the prompts' free-text guidance ({@link Guidance}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelsSection(List<Entry> list, Double budgetUsd, int inFlight, int attempts, int retries,
                            Choices.OnModelFailure onModelFailure, String replay, String templates,
                            Integer maxCallsPerChild, Double noveltySimilarity, Guidance guidance) {

    /** Model calls after the last new child at which the model lane is stalled, unless configured. */
    public static final int DEFAULT_MAX_CALLS_PER_CHILD = 20;
    /** Cosine similarity of code embeddings at which a model child is a near copy, unless configured. */
    public static final double DEFAULT_NOVELTY_SIMILARITY = 0.99;

    public static final ModelsSection DEFAULT = new ModelsSection(List.of(), null, 16, 3, 4,
            null, null, null, DEFAULT_MAX_CALLS_PER_CHILD, DEFAULT_NOVELTY_SIMILARITY, Guidance.DEFAULT);

    public ModelsSection {
        list = list == null ? List.of() : List.copyOf(list);
        require(budgetUsd == null || budgetUsd >= 0, "models.budget_usd", "must be >= 0, was " + budgetUsd);
        require(inFlight >= 1 && inFlight <= 256, "models.in_flight", "must be in 1..256, was " + inFlight);
        require(attempts >= 1 && attempts <= 10, "models.attempts", "must be in 1..10, was " + attempts);
        require(retries >= 1 && retries <= 20, "models.retries", "must be in 1..20, was " + retries);
        maxCallsPerChild = maxCallsPerChild == null ? DEFAULT_MAX_CALLS_PER_CHILD : maxCallsPerChild;
        require(maxCallsPerChild >= 1 && maxCallsPerChild <= 100_000, "models.max_calls_per_child",
                "must be in 1..100000, was " + maxCallsPerChild);
        noveltySimilarity = noveltySimilarity == null ? DEFAULT_NOVELTY_SIMILARITY : noveltySimilarity;
        require(noveltySimilarity >= 0 && noveltySimilarity <= 1, "models.novelty_similarity",
                "must be in [0, 1] (0: no novelty check), was " + noveltySimilarity);
        guidance = guidance == null ? Guidance.DEFAULT : guidance;
    }

    /**
     * Evolution of the prompts' free-text guidance (the direction of effort a prompt gives; the {@code emphasis}
     * template's alternatives are the seeds): {@code population} pieces of guidance at most, each prompt samples
     * one, favouring those whose children improved most, and every {@code rewrite_every} guided prompts the model
     * rewrites the guidance from the best and worst, at most {@code max_chars} characters, in place of the weakest.
     * Guidance counts its children's outcomes an epoch of {@code rewrite_every} prompts late (so that replays give
     * the same guidance), and the lane waits when it is that far ahead of evaluation: keep it above {@code in_flight}.
     * {@code evolve: false} keeps the template's alternatives, picked at random.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Guidance(Boolean evolve, Integer population, Integer rewriteEvery, Integer maxChars) {

        public static final Guidance DEFAULT = new Guidance(true, 6, 32, 600);

        public Guidance {
            evolve = evolve == null ? DEFAULT_EVOLVE : evolve;
            population = population == null ? 6 : population;
            require(population >= 2 && population <= 32, "models.guidance.population",
                    "must be in 2..32, was " + population);
            rewriteEvery = rewriteEvery == null ? 32 : rewriteEvery;
            require(rewriteEvery >= 1 && rewriteEvery <= 100_000, "models.guidance.rewrite_every",
                    "must be in 1..100000 (guided prompts between rewrites), was " + rewriteEvery);
            maxChars = maxChars == null ? 600 : maxChars;
            require(maxChars >= 40 && maxChars <= 4_000, "models.guidance.max_chars",
                    "must be in 40..4000, was " + maxChars);
        }

        private static final boolean DEFAULT_EVOLVE = true;
    }

    /** What to do when the model fails: as configured, else {@code ast} in a mixed run and {@code stop} in an llm run. */
    public Choices.OnModelFailure onFailure(Choices.Mutator mutator) {
        if (onModelFailure != null) {
            return onModelFailure;
        }
        return mutator == Choices.Mutator.LLM ? Choices.OnModelFailure.STOP : Choices.OnModelFailure.AST;
    }

    /** Whether model children are checked for near copies before evaluation. */
    public boolean noveltyCheck() {
        return noveltySimilarity > 0;
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
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(String provider, String baseUrl, String model, String apiKeyEnv, Double weight, String timeout,
                        Double inputPrice, Double outputPrice) {

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
