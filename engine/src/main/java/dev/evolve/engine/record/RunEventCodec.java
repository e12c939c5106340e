package dev.evolve.engine.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The one reader and writer of {@code events.jsonl} lines: {@code {"time": ..., "event": <name>, <fields>}}.
 * Reading is lenient where old or newer logs differ (missing fields read as 0 or null, unknown fields
 * are ignored, an unknown event is kept as {@link RunEvent.Other}); a line that is not a JSON object with
 * a time and an event name (a line torn by a kill) reads as empty.
 *
 * <pre>{@code
 * String line = RunEventCodec.write(clock.instant(), new RunEvent.SearchExhausted(200));
 * RunEventCodec.read(line).ifPresent(stamped -> handle(stamped.event()));
 * }</pre>
 */
public final class RunEventCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** An event and when it was logged. */
    public record Stamped(Instant time, RunEvent event) {
    }

    private RunEventCodec() {
    }

    /** The log line of {@code event} at {@code time}, without a line break. */
    public static String write(Instant time, RunEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", time.toString());
        line.put("event", event.name());
        line.setAll(event instanceof RunEvent.Other other ? JSON.valueToTree(other.fields())
                : (ObjectNode) JSON.valueToTree(event));
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.name(), e);
        }
    }

    /** The event of a line, or empty when the line is not an event (torn, blank, not JSON). */
    public static Optional<Stamped> read(String line) {
        JsonNode node;
        Instant time;
        try {
            node = JSON.readTree(line);
            if (node == null || !node.isObject() || !node.path("event").isTextual()) {
                return Optional.empty();
            }
            time = Instant.parse(node.path("time").asText());
        } catch (JsonProcessingException | DateTimeParseException e) {
            return Optional.empty();
        }
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        fields.remove("time");
        String name = fields.remove("event").asText();
        return Optional.of(new Stamped(time, decode(name, fields)));
    }

    private static RunEvent decode(String name, ObjectNode fields) {
        Class<? extends RunEvent> type = switch (name) {
            case "run_started", "run_resumed" -> RunEvent.Started.class;
            case "seed" -> RunEvent.Seed.class;
            case "episode" -> RunEvent.Episode.class;
            case "evaluated" -> RunEvent.Evaluated.class;
            case "new_best" -> RunEvent.NewBest.class;
            case "retime_seed" -> RunEvent.RetimeSeed.class;
            case "retime_champion" -> RunEvent.RetimeChampion.class;
            case "jmh_confirmed" -> RunEvent.JmhConfirmed.class;
            case "evaluator_error" -> RunEvent.EvaluatorError.class;
            case "search_exhausted" -> RunEvent.SearchExhausted.class;
            case "run_finished", "run_interrupted", "run_failed", "run_model_stalled" -> RunEvent.Ended.class;
            case "llm_budget_spent" -> RunEvent.LlmBudgetSpent.class;
            case "llm_error" -> RunEvent.LlmError.class;
            case "llm_child" -> RunEvent.LlmChild.class;
            case "llm_unavailable" -> RunEvent.LlmUnavailable.class;
            case "llm_rejected" -> RunEvent.LlmRejected.class;
            case "llm_duplicate" -> RunEvent.LlmDuplicate.class;
            case "llm_near_copy" -> RunEvent.LlmNearCopy.class;
            case "llm_stalled" -> RunEvent.LlmStalled.class;
            case "guidance_rewritten" -> RunEvent.GuidanceRewritten.class;
            case "guidance_refused" -> RunEvent.GuidanceRefused.class;
            case "sandbox", "sandbox_unavailable" -> RunEvent.Sandbox.class;
            case "member_joined", "member_left", "member_refused", "dispatched", "redispatched", "dropped_late" ->
                    RunEvent.Cluster.class;
            default -> null;
        };
        try {
            if (type == RunEvent.Ended.class) {
                var e = JSON.treeToValue(fields, Ending.class);
                return new RunEvent.Ended(RunEvent.Ending.valueOf(name.substring(4).toUpperCase(java.util.Locale.ROOT)),
                        e.iterations(), e.elapsedMs(), e.bestSpeedup());
            }
            if (type == RunEvent.Started.class) {
                var s = JSON.treeToValue(fields, RunEvent.Started.class);
                return new RunEvent.Started(name.equals("run_resumed"), s.runId(), s.target(), s.seed(),
                        s.iterationsSoFar(), s.elapsedMs());
            }
            if (type == RunEvent.Sandbox.class) {
                var s = JSON.treeToValue(fields, RunEvent.Sandbox.class);
                return new RunEvent.Sandbox(name.equals("sandbox_unavailable"), s.requested(), s.mode(), s.reason());
            }
            if (type == RunEvent.Cluster.class) {
                var c = JSON.treeToValue(fields, ClusterFields.class);
                return new RunEvent.Cluster(name, c.member(), c.candidate(), c.attempt(), c.detail());
            }
            if (type != null) {
                return JSON.treeToValue(fields, type);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // a known event whose fields do not fit: kept as it was
        }
        return new RunEvent.Other(name, JSON.convertValue(fields, new TypeReference<Map<String, Object>>() {
        }));
    }

    /** The fields of a cluster event, read without its name (which gives its kind). */
    private record ClusterFields(@com.fasterxml.jackson.annotation.JsonProperty("member") String member,
                                 @com.fasterxml.jackson.annotation.JsonProperty("candidate") String candidate,
                                 @com.fasterxml.jackson.annotation.JsonProperty("attempt") Integer attempt,
                                 @com.fasterxml.jackson.annotation.JsonProperty("detail") String detail) {
    }

    /** The fields of an end event, read without its name (which gives the ending). */
    private record Ending(@com.fasterxml.jackson.annotation.JsonProperty("iterations") long iterations,
                          @com.fasterxml.jackson.annotation.JsonProperty("elapsed_ms") long elapsedMs,
                          @com.fasterxml.jackson.annotation.JsonProperty("best_speedup") double bestSpeedup) {
    }
}
