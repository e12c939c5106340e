package dev.evolve.eval.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ProgramEvaluator} says about a candidate: named metrics, one of them primary (the
 * one that ranks programs; higher is better), and text artifacts that go back to the mutator with
 * the program (for example {@code stderr}, or a {@code hint} about what limited the score).
 *
 * <pre>{@code
 * Score s = Score.of("packing_ratio", 0.963)
 *         .withMetric("bins", 412)
 *         .withArtifact("hint", "instance 3 wastes most space");
 * }</pre>
 *
 * @param primary   the name of the metric that ranks programs
 * @param metrics   every metric by name (finite numbers), the primary among them; kept in insertion order
 * @param artifacts text by name, shown to the mutator; keep it short (long texts are cut)
 */
public record Score(String primary, Map<String, Double> metrics, Map<String, String> artifacts) {

    public Score {
        if (primary == null || primary.isBlank()) {
            throw new IllegalArgumentException("a score names its primary metric");
        }
        Objects.requireNonNull(metrics, "metrics");
        Map<String, Double> m = new LinkedHashMap<>();
        metrics.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a metric needs a name");
            }
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("metric '" + name + "' must be a finite number, was " + value);
            }
            m.put(name, value);
        });
        if (!m.containsKey(primary)) {
            throw new IllegalArgumentException("the primary metric '" + primary + "' is not among the metrics "
                    + m.keySet());
        }
        metrics = Collections.unmodifiableMap(m);
        Map<String, String> a = new LinkedHashMap<>();
        if (artifacts != null) {
            artifacts.forEach((name, text) -> {
                if (name == null || name.isBlank() || text == null) {
                    throw new IllegalArgumentException("an artifact needs a name and a text");
                }
                a.put(name, text);
            });
        }
        artifacts = Collections.unmodifiableMap(a);
    }

    /** A score with one metric, the primary. */
    public static Score of(String primary, double value) {
        return new Score(primary, Map.of(primary, value), Map.of());
    }

    /** The primary metric's value. */
    public double value() {
        return metrics.get(primary);
    }

    /** This score with one more metric (or another value for an existing one). */
    public Score withMetric(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new Score(primary, m, artifacts);
    }

    /** This score with one more artifact. */
    public Score withArtifact(String name, String text) {
        Map<String, String> a = new LinkedHashMap<>(artifacts);
        a.put(name, text);
        return new Score(primary, metrics, a);
    }
}
