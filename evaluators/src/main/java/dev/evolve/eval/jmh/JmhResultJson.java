package dev.evolve.eval.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.jmh.JmhConfirmation.JmhException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the primary metric of one benchmark from JMH's JSON result file. */
final class JmhResultJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JmhResultJson() {
    }

    /** Score, error and raw samples (all forks) in ms/op; a {@link JmhException} when any is missing. */
    static EvaluationOutcome.Jmh parse(String json, String benchmark) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new JmhException("JMH result is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new JmhException("JMH result is not a JSON array of benchmarks");
        }
        for (JsonNode run : root) {
            if (benchmark.equals(run.path("benchmark").asText())) {
                return metric(run.path("primaryMetric"));
            }
        }
        throw new JmhException("JMH result has no entry for " + benchmark);
    }

    private static EvaluationOutcome.Jmh metric(JsonNode metric) {
        String unit = metric.path("scoreUnit").asText();
        if (!unit.equals("ms/op")) {
            throw new JmhException("JMH result is in '" + unit + "', expected ms/op");
        }
        double score = number(metric.path("score"));
        if (!(score > 0) || Double.isInfinite(score)) {
            throw new JmhException("JMH score is not a positive time: " + metric.path("score"));
        }
        // JMH writes "NaN" (a string) when too few samples give no error estimate.
        double error = number(metric.path("scoreError"));
        List<Double> raw = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode sample : fork) {
                raw.add(number(sample));
            }
        }
        if (raw.isEmpty()) {
            throw new JmhException("JMH result has no raw samples");
        }
        return new EvaluationOutcome.Jmh(score, error, raw);
    }

    private static double number(JsonNode node) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isTextual()) {
            try {
                return Double.parseDouble(node.asText());
            } catch (NumberFormatException e) {
                throw new JmhException("JMH result holds a non-number where a number belongs: " + node);
            }
        }
        throw new JmhException("JMH result is missing a number: " + node);
    }
}
