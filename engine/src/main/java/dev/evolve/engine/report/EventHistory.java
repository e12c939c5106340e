package dev.evolve.engine.report;

import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunEventCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report needs from {@code events.jsonl}, read in one pass through {@link RunEventCodec}. Lines that are
 * not events (a line torn by a kill) are counted and skipped. Run time is the wall time since {@code run_started} plus, after a
 * {@code run_resumed}, the {@code elapsed_ms} it carries, so pauses between sessions do not count.
 * <p>
 * A run judged by a custom evaluator names its primary metric in the {@code seed} event, whose {@code score} and
 * {@code metrics} are the seed's values as the evaluator gave them; its {@code evaluated} events carry the
 * database's score in {@code score} and the raw value in {@code primary_value}. The metric's goal is read from
 * those pairs (see {@link PrimaryMetric#goalOf}).
 *
 * @param timeline     the run over time
 * @param children     each evaluated child by id (for a lineage without the database)
 * @param seedId       the seed's id, or null
 * @param seedMetrics  the seed's metrics as a custom evaluator gave them (the primary first); empty for a timed run
 * @param endEvent     the last {@code run_<how>} event that ends a session ({@code run_finished}, ...), or null
 * @param unreadable   lines that could not be read
 */
record EventHistory(Timeline timeline, Map<String, Child> children, String seedId, Map<String, Double> seedMetrics,
                    String endEvent, int unreadable) {

    /**
     * An evaluated child as the log has it.
     *
     * @param primary the primary metric as a custom evaluator gave it (measured children of scored runs), or null
     */
    record Child(String id, String parent, long iteration, String origin, String status, double score,
                 double gflops, Double primary) {
    }

    static EventHistory read(Path file) throws IOException {
        List<Timeline.Evaluation> evaluations = new ArrayList<>();
        List<Timeline.Confirmation> confirmations = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, Child> children = new HashMap<>();
        Double seedSeconds = null;
        String seedId = null;
        String primaryName = null;
        Double seedPrimary = null;
        Map<String, Double> seedMetrics = new LinkedHashMap<>();
        Boolean maximize = null;
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
                var stamped = RunEventCodec.read(line);
                if (stamped.isEmpty()) {
                    unreadable++;
                    continue;
                }
                Instant time = stamped.get().time();
                RunEvent event = stamped.get().event();
                if (event instanceof RunEvent.Started started) {
                    sessionStart = time;
                    sessionBase = started.elapsedMs() / 1000.0;
                    endEvent = null;                     // a new session: the previous end no longer ends the run
                } else if (sessionStart == null) {
                    sessionStart = time;                 // a log that lost its start: count from its first event
                }
                double seconds = Math.max(0, sessionBase + Duration.between(sessionStart, time).toNanos() / 1e9);
                end = Math.max(end, seconds);
                switch (event) {
                    case RunEvent.Seed seed -> {
                        seedSeconds = seconds;
                        seedId = seed.id();
                        primaryName = seed.primaryMetric();
                        seedPrimary = primaryName == null ? null : finiteOrNull(seed.score());
                        seedMetrics.clear();
                        if (primaryName != null) {
                            if (seedPrimary != null) {
                                seedMetrics.put(primaryName, seedPrimary);
                            }
                            if (seed.metrics() != null) {
                                seed.metrics().forEach((name, value) -> {
                                    if (value != null && Double.isFinite(value)) {
                                        seedMetrics.putIfAbsent(name, value);
                                    }
                                });
                            }
                        }
                    }
                    case RunEvent.Evaluated e -> {
                        String status = e.status() == null ? "unknown" : e.status();
                        double score = finite(e.score());
                        double gflops = finite(e.gflops());
                        Double primary = status.equals("measured") ? finiteOrNull(e.primaryValue()) : null;
                        if (primary != null && maximize == null) {
                            maximize = PrimaryMetric.goalOf(primary, score);
                        }
                        evaluations.add(new Timeline.Evaluation(e.iteration(), seconds, status, score, gflops, primary));
                        counts.merge(status, 1L, Long::sum);
                        if (e.id() != null) {
                            children.put(e.id(), new Child(e.id(), e.parent(), e.iteration(),
                                    e.origin() == null ? "?" : e.origin(), status, score, gflops, primary));
                        }
                    }
                    case RunEvent.JmhConfirmed c -> confirmations.add(new Timeline.Confirmation(seconds, c.id(),
                            finite(c.speedup()), finite(c.gflops())));
                    case RunEvent.Ended ended -> endEvent = ended.name();
                    case RunEvent.Other other when other.name().startsWith("run_")
                            && !other.name().equals("run_started") && !other.name().equals("run_resumed") ->
                            endEvent = other.name();
                    default -> {
                    }
                }
            }
        }
        PrimaryMetric primary = primaryName == null ? null : new PrimaryMetric(primaryName, maximize);
        return new EventHistory(new Timeline(evaluations, seedSeconds, confirmations, counts, end, primary,
                seedPrimary), children, seedId, java.util.Collections.unmodifiableMap(seedMetrics), endEvent,
                unreadable);
    }

    private static Double finiteOrNull(Double v) {
        return v != null && Double.isFinite(v) ? v : null;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
