package dev.evolve.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evolve.eval.EvaluationOutcome;
import java.time.Duration;
import java.util.Map;

/**
 * An {@link EvaluationOutcome} as JSON text, {@code {"type": ..., "value": {...}}}, and back: the
 * type is looked up in a fixed table of the outcome records, and reading goes through their compact
 * constructors, so a reply that does not fit is an error, never an object of some other class.
 */
final class OutcomeCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<? extends EvaluationOutcome>> TYPES = Map.of(
            "measured", EvaluationOutcome.Measured.class, "scored", EvaluationOutcome.Scored.class,
            "rejected", EvaluationOutcome.Rejected.class, "compile_failed", EvaluationOutcome.CompileFailed.class,
            "incorrect", EvaluationOutcome.Incorrect.class, "crashed", EvaluationOutcome.Crashed.class);

    private OutcomeCodec() {
    }

    static ObjectNode toJson(EvaluationOutcome outcome) {
        ObjectNode node = JSON.createObjectNode();
        switch (outcome) {
            case EvaluationOutcome.Measured m -> put(node, "measured", m);
            case EvaluationOutcome.Scored s -> put(node, "scored", s);
            case EvaluationOutcome.Rejected r -> put(node, "rejected", r);
            case EvaluationOutcome.CompileFailed c -> put(node, "compile_failed", c);
            case EvaluationOutcome.Incorrect i -> put(node, "incorrect", i);
            case EvaluationOutcome.Crashed c -> put(node, "crashed", c);
            case EvaluationOutcome.TimedOut t -> {
                node.put("type", "timed_out");
                node.putObject("value").put("phase", t.phase()).put("limit_ms", t.limit().toMillis());
            }
        }
        return node;
    }

    /**
     * The outcome a JSON node holds.
     *
     * @throws IllegalArgumentException when it holds none
     */
    static EvaluationOutcome fromJson(JsonNode node) {
        String type = node.path("type").asText("");
        JsonNode value = node.path("value");
        if (!value.isObject()) {
            throw new IllegalArgumentException("an outcome without a value");
        }
        try {
            if (type.equals("timed_out")) {
                if (!value.path("phase").isTextual() || !value.path("limit_ms").canConvertToLong()) {
                    throw new IllegalArgumentException("a timeout without its phase and limit");
                }
                return new EvaluationOutcome.TimedOut(value.get("phase").asText(),
                        Duration.ofMillis(value.get("limit_ms").asLong()));
            }
            Class<? extends EvaluationOutcome> cls = TYPES.get(type);
            if (cls == null) {
                throw new IllegalArgumentException("an outcome of unknown type '" + type + "'");
            }
            EvaluationOutcome outcome = JSON.treeToValue(value, cls);
            if (outcome == null) {
                throw new IllegalArgumentException("an empty outcome");
            }
            return outcome;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an outcome that does not read: " + e.getOriginalMessage(), e);
        }
    }

    private static void put(ObjectNode node, String type, EvaluationOutcome outcome) {
        node.put("type", type);
        node.set("value", JSON.valueToTree(outcome));
    }
}
