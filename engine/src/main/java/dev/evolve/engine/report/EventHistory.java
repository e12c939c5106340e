package dev.evolve.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report needs from {@code events.jsonl}, read in one pass. Lines that are not JSON objects (a line torn
 * by a kill) are counted and skipped. Run time is the wall time since {@code run_started} plus, after a
 * {@code run_resumed}, the {@code elapsed_ms} it carries, so pauses between sessions do not count.
 *
 * @param timeline     the run over time
 * @param children     each evaluated child by id (for a lineage without the database)
 * @param seedId       the seed's id, or null
 * @param endEvent     the last {@code run_<how>} event that ends a session ({@code run_finished}, ...), or null
 * @param unreadable   lines that could not be read
 */
record EventHistory(Timeline timeline, Map<String, Child> children, String seedId, String endEvent,
                    int unreadable) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An evaluated child as the log has it. */
    record Child(String id, String parent, long iteration, String origin, String status, double score,
                 double gflops) {
    }

    static EventHistory read(Path file) throws IOException {
        List<Timeline.Evaluation> evaluations = new ArrayList<>();
        List<Timeline.Confirmation> confirmations = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Child> children = new HashMap<>();
        Double seedSeconds = null;
        String seedId = null;
        String endEvent = null;
        int unreadable = 0;
        Instant sessionStart = null;
        double sessionBase = 0;
        double end = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e;
                Instant time;
                try {
                    e = JSON.readTree(line);
                    time = e != null && e.isObject() ? Instant.parse(e.path("time").asText()) : null;
                } catch (IOException | DateTimeParseException ex) {
                    e = null;
                    time = null;
                }
                if (time == null || !e.path("event").isTextual()) {
                    unreadable++;
                    continue;
                }
                String event = e.get("event").asText();
                if (event.equals("run_started") || event.equals("run_resumed")) {
                    sessionStart = time;
                    sessionBase = e.path("elapsed_ms").asDouble(0) / 1000.0;
                    endEvent = null;                     // a new session: the previous end no longer ends the run
                } else if (sessionStart == null) {
                    sessionStart = time;                 // a log that lost its start: count from its first event
                }
                double seconds = Math.max(0, sessionBase + Duration.between(sessionStart, time).toNanos() / 1e9);
                end = Math.max(end, seconds);
                switch (event) {
                    case "seed" -> {
                        seedSeconds = seconds;
                        seedId = textOrNull(e, "id");
                    }
                    case "evaluated" -> {
                        String status = e.path("status").asText("unknown");
                        double score = finite(e.path("score").asDouble(0));
                        double gflops = finite(e.path("gflops").asDouble(0));
                        long iteration = e.path("iteration").asLong(0);
                        evaluations.add(new Timeline.Evaluation(iteration, seconds, status, score, gflops));
                        counts.merge(status, 1L, Long::sum);
                        String id = textOrNull(e, "id");
                        if (id != null) {
                            children.put(id, new Child(id, textOrNull(e, "parent"), iteration,
                                    e.path("origin").asText("?"), status, score, gflops));
                        }
                    }
                    case "jmh_confirmed" -> confirmations.add(new Timeline.Confirmation(seconds, textOrNull(e, "id"),
                            finite(e.path("speedup").asDouble(0)), finite(e.path("gflops").asDouble(0))));
                    default -> {
                        if (event.startsWith("run_") && !event.equals("run_started") && !event.equals("run_resumed")) {
                            endEvent = event;
                        }
                    }
                }
            }
        }
        return new EventHistory(new Timeline(evaluations, seedSeconds, confirmations, counts, end), children, seedId,
                endEvent, unreadable);
    }

    private static String textOrNull(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
