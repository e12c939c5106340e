package dev.evolve.engine.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evolve.eval.EvaluationOutcome;

/**
 * What a member answers to an {@link EvaluateTask}, as JSON text: the outcome, or an error of the
 * member itself (it could not start its workers, it refuses the task) that says nothing about the
 * candidate. Exactly one of the two is set.
 */
record Reply(EvaluationOutcome outcome, String error) {

    private static final ObjectMapper JSON = new ObjectMapper();

    Reply {
        if ((outcome == null) == (error == null)) {
            throw new IllegalArgumentException("a reply holds an outcome or an error");
        }
    }

    static Reply of(EvaluationOutcome outcome) {
        return new Reply(outcome, null);
    }

    static Reply error(String error) {
        return new Reply(null, error == null || error.isBlank() ? "unknown error" : error);
    }

    String toJson() {
        ObjectNode node = JSON.createObjectNode();
        if (outcome != null) {
            node.set("outcome", OutcomeCodec.toJson(outcome));
        } else {
            node.put("error", error);
        }
        return node.toString();
    }

    /**
     * Reads a member's answer.
     *
     * @throws IllegalArgumentException when the text is not a reply
     */
    static Reply fromJson(String text) {
        JsonNode node;
        try {
            node = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a member's reply is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a member's reply is not a JSON object");
        }
        if (node.path("error").isTextual()) {
            return error(node.get("error").asText());
        }
        return of(OutcomeCodec.fromJson(node.path("outcome")));
    }
}
