package dev.evolve.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that shapes a run. Built from defaults, then a YAML file, then command-line flags;
 * the effective configuration is written to the run folder and read back by {@code resume}.
 * Field names are the YAML keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = false)
public record RunConfig(
        @JsonProperty("target") String target,
        @JsonProperty("budget") String budget,
        @JsonProperty("iterations") Long iterations,
        @JsonProperty("seed") long seed,
        @JsonProperty("mutator") String mutator,
        @JsonProperty("islands") int islands,
        @JsonProperty("features") List<String> features,
        @JsonProperty("exploitation") double exploitation,
        @JsonProperty("inspirations") int inspirations,
        @JsonProperty("migration_interval") int migrationInterval,
        @JsonProperty("reset_interval") int resetInterval,
        @JsonProperty("workers") int workers,
        @JsonProperty("worker_heap_mb") int workerHeapMb,
        @JsonProperty("timing_size") Integer timingSize,
        @JsonProperty("recipe_length") int recipeLength,
        @JsonProperty("population") int population,
        @JsonProperty("generations") int generations,
        @JsonProperty("retime_interval") int retimeInterval,
        @JsonProperty("jmh") boolean jmh,
        @JsonProperty("models") List<ModelEntry> models,
        @JsonProperty("llm_budget_usd") Double llmBudgetUsd,
        @JsonProperty("llm_in_flight") int llmInFlight,
        @JsonProperty("llm_attempts") int llmAttempts,
        @JsonProperty("llm_retries") int llmRetries,
        @JsonProperty("on_model_failure") String onModelFailure,
        @JsonProperty("replay") String replay,
        @JsonProperty("templates") String templates,
        @JsonProperty("evaluator_jar") String evaluatorJar,
        @JsonProperty("device") String device,
        @JsonProperty("sandbox") String sandbox) {

    /** {@code ast}: rule-based rewrites; {@code llm}: a language model; {@code mixed}: both, interleaved. */
    public static final List<String> MUTATORS = List.of("ast", "llm", "mixed");
    public static final List<String> ON_MODEL_FAILURE = List.of("ast", "wait");
    /** The OS sandbox of untrusted processes: bubblewrap where it works (auto), bubblewrap or fail, none. */
    public static final List<String> SANDBOXES = List.of("auto", "bwrap", "process");

    /**
     * One language model: {@code provider} openai (any OpenAI-compatible server: vLLM, llama.cpp,
     * LM Studio, Ollama's /v1), anthropic or gemini; the API key is read from the environment
     * variable named {@code api_key_env}, never from the configuration; prices in dollars per
     * million tokens.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ModelEntry(
            @JsonProperty("provider") String provider,
            @JsonProperty("base_url") String baseUrl,
            @JsonProperty("model") String model,
            @JsonProperty("api_key_env") String apiKeyEnv,
            @JsonProperty("weight") Double weight,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("input_price") Double inputPrice,
            @JsonProperty("output_price") Double outputPrice) {

        public ModelEntry {
            require(model != null && !model.isBlank(), "models[].model", "must name the model");
            provider = provider == null ? "openai" : provider;
            require(List.of("openai", "anthropic", "gemini").contains(provider), "models[].provider",
                    "must be openai, anthropic or gemini, was '" + provider + "'");
            weight = weight == null ? 1.0 : weight;
            timeout = timeout == null ? "120s" : timeout;
            parseDuration(timeout, "models[].timeout");
            inputPrice = inputPrice == null ? 0.0 : inputPrice;
            outputPrice = outputPrice == null ? 0.0 : outputPrice;
        }
    }

    /** The embedded default: matmul-shaped search with rule-based mutators, five minutes. */
    public static RunConfig defaults(String target) {
        return new RunConfig(target, "5m", null, 42L, "ast", 4,
                List.of("code_size", "vector_api", "parallel", "loop_depth"), 0.7, 3, 40, 120,
                2, 1024, null, 4, 8, 4, 40, true, List.of(), null, 16, 3, 4, "ast", null, null, null, null, "auto");
    }

    public RunConfig {
        features = features == null ? null : List.copyOf(features);
        models = models == null ? List.of() : List.copyOf(models);

        validate(target, budget, iterations, mutator, islands, features, exploitation, inspirations,
                migrationInterval, resetInterval, workers, workerHeapMb, timingSize, recipeLength, population,
                generations, retimeInterval);
        require(!"ast".equals(mutator) ? !models.isEmpty() || replay != null : true, "models",
                "the " + mutator + " mutator needs a model: --llm-model (and --llm-base-url), 'models' in the config, or --replay");
        require(llmBudgetUsd == null || llmBudgetUsd >= 0, "llm_budget_usd", "must be >= 0, was " + llmBudgetUsd);
        require(llmInFlight >= 1 && llmInFlight <= 256, "llm_in_flight", "must be in 1..256, was " + llmInFlight);
        require(llmAttempts >= 1 && llmAttempts <= 10, "llm_attempts", "must be in 1..10, was " + llmAttempts);
        require(llmRetries >= 1 && llmRetries <= 20, "llm_retries", "must be in 1..20, was " + llmRetries);
        require(device == null || !device.isBlank(), "device", "must name a device (see 'evolve devices') or be left out");
        require(ON_MODEL_FAILURE.contains(onModelFailure), "on_model_failure",
                "must be one of " + ON_MODEL_FAILURE + ", was '" + onModelFailure + "'");
        require(evaluatorJar == null || !evaluatorJar.isBlank(), "evaluator_jar", "must name a jar file");
        sandbox = sandbox == null ? "auto" : sandbox;   // configurations written before the key existed
        require(SANDBOXES.contains(sandbox), "sandbox", "must be one of " + SANDBOXES + ", was '" + sandbox + "'");
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static void validate(String target, String budget, Long iterations, String mutator, int islands,
                                 List<String> features, double exploitation, int inspirations,
                                 int migrationInterval, int resetInterval, int workers, int workerHeapMb,
                                 Integer timingSize, int recipeLength, int population, int generations,
                                 int retimeInterval) {
        require(target != null && !target.isBlank(), "target", "must name a target");
        if (budget != null) {
            parseDuration(budget, "budget");
        }
        require(iterations == null || iterations >= 1, "iterations", "must be >= 1, was " + iterations);
        require(budget != null || iterations != null, "budget", "a run needs a budget or an iteration count");
        require(MUTATORS.contains(mutator), "mutator", "must be one of " + MUTATORS + ", was '" + mutator + "'");
        require(islands >= 1 && islands <= 64, "islands", "must be in 1..64, was " + islands);
        require(features != null && !features.isEmpty(), "features", "must name at least one feature dimension");
        require(exploitation >= 0 && exploitation <= 1, "exploitation", "must be in [0, 1], was " + exploitation);
        require(inspirations >= 0 && inspirations <= 16, "inspirations", "must be in 0..16, was " + inspirations);
        require(migrationInterval >= 1, "migration_interval", "must be >= 1, was " + migrationInterval);
        require(resetInterval >= 1, "reset_interval", "must be >= 1, was " + resetInterval);
        require(workers >= 1 && workers <= 64, "workers", "must be in 1..64, was " + workers);
        require(workerHeapMb >= 64, "worker_heap_mb", "must be >= 64, was " + workerHeapMb);
        require(timingSize == null || timingSize >= 1, "timing_size", "must be >= 1, was " + timingSize);
        require(recipeLength >= 1 && recipeLength <= 16, "recipe_length", "must be in 1..16, was " + recipeLength);
        require(population >= 2 && population <= 256, "population", "must be in 2..256, was " + population);
        require(generations >= 1, "generations", "must be >= 1, was " + generations);
        require(retimeInterval >= 1, "retime_interval", "must be >= 1, was " + retimeInterval);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidConfigException(field, message);
        }
    }

    /** The wall-clock budget, or null when the run is bounded by iterations only. */
    public Duration budgetDuration() {
        return budget == null ? null : parseDuration(budget, "budget");
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    /** Parses {@code 90s}, {@code 10m}, {@code 1.5h}, {@code 500ms}; a bare number means seconds. */
    public static Duration parseDuration(String text, String field) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidConfigException(field, "'" + text + "' is not a duration (examples: 90s, 10m, 1h)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double ms = switch (unit) {
            case "ms" -> v;
            case "s" -> v * 1e3;
            case "m" -> v * 60e3;
            case "h" -> v * 3600e3;
            default -> throw new IllegalStateException(unit);
        };
        if (ms < 1) {
            throw new InvalidConfigException(field, "'" + text + "' is shorter than a millisecond");
        }
        return Duration.ofMillis((long) ms);
    }

    /** A configuration value is out of range or malformed; the message names the key. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        public InvalidConfigException(String field, String message) {
            super("invalid config value '" + field + "': " + message);
        }
    }
}
