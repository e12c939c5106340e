package dev.evolve.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Library baselines from a JMH result file in JMH's JSON format ({@code -rf json}): an array of
 * {@code {benchmark, params{...}, primaryMetric{score, scoreError, scoreUnit}}}. Rows carry the parameters
 * {@code target} and {@code variant} ({@code ejml}, {@code ojalgo}, {@code seed}, {@code evolved}, ...).
 */
public final class Baselines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Baselines() {
    }

    /**
     * One JMH result.
     *
     * @param benchmark the benchmark method's full name
     * @param params    its parameters, by name
     * @param score     the primary metric's score
     * @param error     its error (99.9 % by default), or null when JMH gave none ({@code NaN}: one iteration)
     * @param unit      the score's unit, e.g. {@code ms/op} or {@code ops/s}
     */
    public record Result(String benchmark, Map<String, String> params, double score, Double error, String unit) {
        public Result {
            params = java.util.Collections.unmodifiableMap(new TreeMap<>(params));
        }

        /** The {@code variant} parameter, else the benchmark's method name. */
        public String variant() {
            String v = params.get("variant");
            return v != null ? v : benchmark.substring(benchmark.lastIndexOf('.') + 1);
        }

        /** The score as milliseconds per operation, or null for a unit that is neither time/op nor ops/time. */
        public Double millisPerOp() {
            return Units.toMillisPerOp(score, unit);
        }

        /** The error as milliseconds per operation (first order for throughput units), or null. */
        public Double errorMillisPerOp() {
            if (error == null) {
                return null;
            }
            Double ms = millisPerOp();
            if (ms == null) {
                return null;
            }
            return unit.startsWith("ops/") ? ms * error / score : Units.toMillisPerOp(error, unit);
        }
    }

    /**
     * Reads a JMH JSON result file.
     *
     * @throws ReportException naming the file and the entry and field when it is missing, unreadable or
     *                         malformed
     */
    public static List<Result> read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ReportException("cannot read the baselines file " + file);
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ReportException(file + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReportException("cannot read the baselines file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ReportException(file + " is not a JMH JSON result (an array of results, as written by -rf json)");
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            results.add(parse(file, i, root.get(i)));
        }
        return results;
    }

    private static Result parse(Path file, int index, JsonNode entry) {
        String where = file + ": result [" + index + "]";
        if (!entry.isObject()) {
            throw new ReportException(where + " is not an object");
        }
        JsonNode benchmark = entry.get("benchmark");
        if (benchmark == null || !benchmark.isTextual() || benchmark.asText().isBlank()) {
            throw new ReportException(where + ": 'benchmark' must be a non-empty string");
        }
        Map<String, String> params = new TreeMap<>();
        JsonNode p = entry.get("params");
        if (p != null && !p.isNull()) {
            if (!p.isObject()) {
                throw new ReportException(where + ": 'params' must be an object");
            }
            for (Map.Entry<String, JsonNode> kv : p.properties()) {
                if (!kv.getValue().isValueNode()) {
                    throw new ReportException(where + ": params." + kv.getKey() + " must be a string or number");
                }
                params.put(kv.getKey(), kv.getValue().asText());
            }
        }
        JsonNode metric = entry.get("primaryMetric");
        if (metric == null || !metric.isObject()) {
            throw new ReportException(where + ": 'primaryMetric' must be an object");
        }
        JsonNode score = metric.get("score");
        if (score == null || !score.isNumber() || !Double.isFinite(score.asDouble()) || score.asDouble() <= 0) {
            throw new ReportException(where + ": primaryMetric.score must be a positive number");
        }
        JsonNode unit = metric.get("scoreUnit");
        if (unit == null || !unit.isTextual() || unit.asText().isBlank()) {
            throw new ReportException(where + ": primaryMetric.scoreUnit must be a unit such as ms/op");
        }
        Double error = null;
        JsonNode err = metric.get("scoreError");
        if (err != null && err.isNumber() && Double.isFinite(err.asDouble()) && err.asDouble() >= 0) {
            error = err.asDouble();
        } else if (err != null && !err.isNull() && !(err.isTextual() && err.asText().equals("NaN"))
                && !(err.isNumber() && Double.isNaN(err.asDouble()))) {
            throw new ReportException(where + ": primaryMetric.scoreError must be a number >= 0 or NaN");
        }
        return new Result(benchmark.asText(), params, score.asDouble(), error, unit.asText());
    }

    /** Conversions of JMH score units. */
    static final class Units {
        private Units() {
        }

        /** {@code value} in {@code unit} as ms/op; null for units that are neither time/op nor ops/time. */
        static Double toMillisPerOp(double value, String unit) {
            return switch (unit) {
                case "s/op" -> value * 1e3;
                case "ms/op" -> value;
                case "us/op" -> value / 1e3;
                case "ns/op" -> value / 1e6;
                case "ops/s" -> 1e3 / value;
                case "ops/ms" -> 1 / value;
                case "ops/us" -> 1 / (value * 1e3);
                case "ops/ns" -> 1 / (value * 1e6);
                default -> null;
            };
        }
    }
}
