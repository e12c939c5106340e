package dev.evolve.eval.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluator command's standard output says: the last line that parses as a JSON object is
 * the verdict, either {@code {"score": 1.5, "metrics": {"n": 3}, "artifacts": {"hint": "..."}}}
 * (only {@code score} required) or {@code {"error": "why the program is wrong"}}. Anything printed
 * before it (progress, debugging) is ignored.
 */
sealed interface CommandVerdict {

    /** A score: the primary value (the JSON's {@code score}), further metrics, text artifacts. */
    record Scored(double score, Map<String, Double> metrics, Map<String, String> artifacts) implements CommandVerdict {
    }

    /** The command judged the program wrong. */
    record Invalid(String reason) implements CommandVerdict {
    }

    /** No usable verdict: no JSON object, or one that breaks the protocol; {@code why} says which. */
    record Unreadable(String why) implements CommandVerdict {
    }

    /** NaN and Infinity parse (Python's json module writes them), so that they can be refused by name. */
    JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static CommandVerdict of(String stdout) {
        List<String> lines = stdout.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (node != null && node.isObject()) {
                return read(node);
            }
        }
        return new Unreadable("the command printed no JSON object on its standard output (expected a last line like "
                + "{\"score\": 1.0} or {\"error\": \"why\"})");
    }

    private static CommandVerdict read(JsonNode node) {
        if (node.has("error")) {
            JsonNode error = node.get("error");
            String reason = error.isTextual() ? error.asText() : error.toString();
            return new Invalid(reason.isBlank() ? "(no reason given)" : reason);
        }
        JsonNode score = node.get("score");
        if (score == null) {
            return new Unreadable("the JSON result has neither \"score\" nor \"error\": " + clip(node.toString()));
        }
        if (!score.isNumber() || !Double.isFinite(score.asDouble())) {
            return new Unreadable("\"score\" must be a finite number, was "
                    + clip(score.isNumber() ? score.asText() : score.toString()));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        JsonNode m = node.get("metrics");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                return new Unreadable("\"metrics\" must be an object of numbers, was " + clip(m.toString()));
            }
            for (var it = m.fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().isBlank() || !e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                    return new Unreadable("metric \"" + e.getKey() + "\" must be a finite number, was "
                            + clip(e.getValue().isNumber() ? e.getValue().asText() : e.getValue().toString()));
                }
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
        }
        Map<String, String> artifacts = new LinkedHashMap<>();
        JsonNode a = node.get("artifacts");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                return new Unreadable("\"artifacts\" must be an object of texts, was " + clip(a.toString()));
            }
            for (var it = a.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().isBlank()) {
                    artifacts.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
                }
            }
        }
        return new Scored(score.asDouble(), metrics, artifacts);
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
