package dev.evolve.engine.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that shapes a run, in sections: when to {@code stop}, how to {@code search}, the program
 * {@code database}, the {@code evaluation} of candidates, and the {@code models}. Each section is
 * validated where it is defined; this record checks only what spans sections. Built by
 * {@link ConfigFiles} from defaults, then a YAML file (this shape, or the older flat one), then
 * command-line flags ({@code cluster}, when present, sends candidates to {@code evolve worker} members); the effective configuration is written to the run folder in this shape and read
 * back by {@code resume}.
 *
 * <pre>{@code
 * RunConfig c = ConfigFiles.effective("matmul", Path.of("run.yaml"), Map.of("islands", 6));
 * DatabaseConfig db = c.database().toDatabaseConfig();
 * }</pre>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"target", "seed", "stop", "search", "database", "evaluation", "models", "cluster"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunConfig(String target, long seed, StopSection stop, SearchSection search, DatabaseSection database,
                        EvaluationSection evaluation, ModelsSection models, ClusterSection cluster) {

    /** The embedded default: matmul-shaped search with rule-based mutators, five minutes. */
    public static RunConfig defaults(String target) {
        return new RunConfig(target, 42L, StopSection.DEFAULT, SearchSection.DEFAULT, DatabaseSection.DEFAULT,
                EvaluationSection.DEFAULT, ModelsSection.DEFAULT, null);
    }

    public RunConfig {
        require(target != null && !target.isBlank(), "target", "must name a target");
        require(stop != null, "stop", "is missing");
        require(search != null, "search", "is missing");
        require(database != null, "database", "is missing");
        require(evaluation != null, "evaluation", "is missing");
        models = models == null ? ModelsSection.DEFAULT : models;
        require(!search.mutator().usesModel() || models.answers(), "models", "the " + search.mutator().key()
                + " mutator needs a model: --llm-model (and --llm-base-url), 'models' in the config, or --replay");
    }

    /** This configuration with {@code evaluation} in place of its own. */
    public RunConfig withEvaluation(EvaluationSection evaluation) {
        return new RunConfig(target, seed, stop, search, database, evaluation, models, cluster);
    }

    static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidConfigException(field, message);
        }
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
