package dev.evolve.engine.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.evolve.bench.limits.LimitOf;
import dev.evolve.bench.limits.MachineLimits;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.Machine;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run folder into {@link RunData}. Only {@code run.json} is required: every other file may be
 * missing (an interrupted run, a committed reference run without its database, an older folder) or lack
 * fields, and the sections that need it say so. Opens the program database read-only in effect: it is never
 * created, and nothing is written to it.
 */
public final class RunReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RunReader() {
    }

    /**
     * Reads {@code dir}.
     *
     * @param baselines a JMH JSON result file with library baselines, or null
     * @throws ReportException when {@code dir} is not a run folder or the baselines file is missing or malformed
     */
    public static RunData read(Path dir, Path baselines) {
        JsonNode marker = marker(dir);
        List<Baselines.Result> baselineResults = baselines == null ? List.of() : Baselines.read(baselines);
        List<String> notes = new ArrayList<>();

        JsonNode summary = readJson(dir.resolve("summary.json"), notes);
        Map<String, Object> config = readYaml(dir.resolve("config.yaml"), notes);
        EventHistory events = null;
        String eventsMissing = null;
        Path eventsFile = dir.resolve("events.jsonl");
        if (!Files.isRegularFile(eventsFile)) {
            eventsMissing = "no events.jsonl in the run folder";
        } else {
            try {
                events = EventHistory.read(eventsFile);
                if (events.unreadable() > 0) {
                    notes.add(events.unreadable() + " line" + (events.unreadable() == 1 ? "" : "s")
                            + " of events.jsonl could not be read and " + (events.unreadable() == 1 ? "was" : "were")
                            + " skipped (a line torn by a kill, say)");
                }
            } catch (IOException e) {
                eventsMissing = "events.jsonl could not be read: " + e.getMessage();
            }
        }

        String targetName = firstText(marker.path("target"), summary == null ? null : summary.path("target"),
                config == null ? null : config.get("target"));
        Optional<Target> target = targetName == null ? Optional.empty() : TargetCatalog.find(targetName);
        Integer timingSize = firstInt(summary == null ? null : summary.get("timing_size"),
                config == null ? null : config.get("timing_size"));
        if (timingSize == null && target.isPresent()) {
            timingSize = target.get().timingSize();
        }

        RunData.Header header = header(marker, summary, config, events, targetName);
        String primaryName = summary == null ? null : textOrNull(summary.get("primary_metric"));
        if (primaryName == null && events != null && events.timeline().scored()) {
            primaryName = events.timeline().primary().name();
        }
        Boolean maximize = events != null && events.timeline().scored() ? events.timeline().primary().maximize()
                : null;

        String summaryBest = summary == null ? null : textOrNull(summary.get("best_id"));
        Section<Lineage> lineage;
        Section<IslandGrids> grids;
        Path db = dir.resolve("programs.db");
        if (Files.isRegularFile(db)) {
            ProgramHistory.DatabaseSections fromDb = ProgramHistory.fromDatabase(dir, db, summaryBest, primaryName);
            lineage = fromDb.lineage();
            grids = fromDb.grids();
            maximize = maximize != null ? maximize : fromDb.maximize();
            if (!lineage.isAvailable() && events != null) {
                Section<Lineage> fromEvents = ProgramHistory.lineageFromEvents(events, summaryBest);
                if (fromEvents.isAvailable()) {
                    notes.add("the lineage comes from the event log (no sources, no diffs): "
                            + ((Section.Unavailable<Lineage>) lineage).reason());
                    lineage = fromEvents;
                }
            }
        } else {
            grids = Section.unavailable("no programs.db in the run folder (committed reference runs leave it out;"
                    + " a run regenerates it)");
            lineage = events == null ? Section.unavailable("no programs.db and no events.jsonl in the run folder")
                    : ProgramHistory.lineageFromEvents(events, summaryBest);
        }
        PrimaryMetric primary = primaryName == null ? null : new PrimaryMetric(primaryName, maximize);

        Section<RunData.Figures> figures = figures(summary, target.orElse(null), timingSize, primary, events);
        Section<Timeline> timeline;
        if (events == null) {
            timeline = Section.unavailable(eventsMissing);
        } else if (events.timeline().evaluations().isEmpty() && events.timeline().seedSeconds() == null) {
            timeline = Section.unavailable("the event log holds no evaluation yet");
        } else {
            Timeline t = events.timeline();
            timeline = Section.of(primary == null ? t : t.withPrimary(primary));   // the goal as the folder tells it
        }

        Section<JmhTable> jmh = primary != null
                ? Section.unavailable("not applicable: programs judged by their own evaluator")
                : jmh(summary, baselineResults, baselines, targetName, target.orElse(null), timingSize);
        return new RunData(dir, header, primary, figures, timeline, lineage, grids, jmh, notes);
    }

    // ------------------------------------------------------------------ files

    private static JsonNode marker(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportException(dir + " is not a folder; give a run folder such as results/<run-id>");
        }
        Path file = dir.resolve(RunFolder.MARKER);
        if (!Files.isRegularFile(file)) {
            throw new ReportException(dir + " is not a run folder (no " + RunFolder.MARKER
                    + "); give a folder made by 'evolve run', such as results/<run-id>");
        }
        try {
            JsonNode marker = JSON.readTree(file.toFile());
            if (marker == null || !marker.isObject() || !marker.path("run_id").isTextual()) {
                throw new ReportException(file + " is not a run marker (no run_id)");
            }
            return marker;
        } catch (IOException e) {
            throw new ReportException(file + " is not a run marker: " + e.getMessage());
        }
    }

    private static JsonNode readJson(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node != null && node.isObject()) {
                return node;
            }
            notes.add(file.getFileName() + " is not a JSON object and was ignored");
        } catch (IOException e) {
            notes.add(file.getFileName() + " could not be read and was ignored: " + e.getMessage());
        }
        return null;
    }

    private static Map<String, Object> readYaml(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Map<String, Object> map = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {
            });
            return map == null ? Map.of() : ConfigFiles.flat(map);
        } catch (IOException e) {
            notes.add(file.getFileName() + " could not be read and was ignored: " + e.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------ header and figures

    private static RunData.Header header(JsonNode marker, JsonNode summary, Map<String, Object> config,
                                         EventHistory events, String target) {
        Long seed = summary != null && summary.path("seed").isIntegralNumber() ? summary.get("seed").asLong()
                : config != null && config.get("seed") instanceof Number n ? n.longValue() : null;
        String status;
        String note = null;
        String end = events == null ? null : events.endEvent();
        if (summary != null && summary.path("status").isTextual()) {
            status = summary.get("status").asText();
            if (status.equals("running") && end == null) {
                note = "the run is still going, or was killed before it could end (the event log has no end);"
                        + " 'evolve resume' continues it";
            }
        } else if (end != null) {
            status = end.substring("run_".length());
            note = "no summary.json; the status is the event log's last end";
        } else {
            status = "unknown";
            note = "no summary.json and no end in the event log: the run was killed early, or is starting";
        }
        Double wall = summary != null && summary.path("wall_seconds").isNumber()
                ? Double.valueOf(summary.get("wall_seconds").asDouble())
                : events == null ? null : Double.valueOf(events.timeline().endSeconds());
        Optional<Machine> recorded = Machine.fromJson(marker.get("machine"));
        return new RunData.Header(marker.path("run_id").asText(), target, seed, status, note,
                textOrNull(marker.get("created")), wall,
                config == null || config.get("mutator") == null ? null : String.valueOf(config.get("mutator")),
                config == null ? null : budgetOf(config),
                recorded.orElseGet(Machine::detect), recorded.isPresent());
    }

    private static String budgetOf(Map<String, Object> config) {
        List<String> parts = new ArrayList<>();
        if (config.get("budget") != null) {
            parts.add(String.valueOf(config.get("budget")));
        }
        if (config.get("iterations") != null) {
            parts.add(config.get("iterations") + " iterations");
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static Section<RunData.Figures> figures(JsonNode s, Target target, Integer timingSize,
                                                    PrimaryMetric primary, EventHistory events) {
        if (s == null) {
            return Section.unavailable("no summary.json in the run folder (the run was killed before it wrote one)");
        }
        Double seedGflops = number(s, "seed_gflops");
        Double bestGflops = number(s, "best_gflops");
        double perFlop = target == null || timingSize == null ? 0
                : target.bytes(timingSize) / target.flops(timingSize);
        Long candidates = s.path("candidates_evaluated").isIntegralNumber() ? s.get("candidates_evaluated").asLong()
                : null;
        Double cpm = number(s, "candidates_per_minute");
        Double wall = number(s, "wall_seconds");
        if (cpm == null && candidates != null && wall != null && wall > 0) {
            cpm = candidates * 60.0 / wall;
        }
        RunData.Scored scored = null;
        if (primary != null) {
            Double seedValue = number(s, "seed_score");
            Double bestValue = number(s, "best_score");
            if (seedValue == null && events != null) {          // a summary without them: the event log's
                seedValue = events.timeline().seedPrimary();
            }
            if (bestValue == null && events != null) {
                List<Timeline.Best> best = events.timeline().withPrimary(primary).bestSoFar();
                bestValue = best.isEmpty() ? null : best.getLast().value();
            }
            scored = new RunData.Scored(primary, seedValue, bestValue);
        }
        return Section.of(new RunData.Figures(seedGflops, bestGflops, number(s, "best_speedup"),
                s.path("confirmed_with_jmh").asBoolean(false),
                perFlop > 0 && seedGflops != null ? seedGflops * perFlop : null,
                perFlop > 0 && bestGflops != null ? bestGflops * perFlop : null,
                candidates,
                s.path("duplicates_skipped").isIntegralNumber() ? s.get("duplicates_skipped").asLong() : null,
                cpm, timingSize, textOrNull(s.get("best_id")), textOrNull(s.get("best_origin")), scored));
    }

    // ------------------------------------------------------------------ JMH

    private static Section<JmhTable> jmh(JsonNode summary, List<Baselines.Result> baselines, Path baselinesFile,
                                         String targetName, Target target, Integer timingSize) {
        JmhTable.RunFigures run = null;
        JsonNode j = summary == null ? null : summary.get("jmh");
        if (j != null && j.isObject() && positive(j, "best_ms") && positive(j, "seed_ms")) {
            run = new JmhTable.RunFigures(j.get("seed_ms").asDouble(), j.path("seed_error_ms").asDouble(0),
                    j.get("best_ms").asDouble(), j.path("best_error_ms").asDouble(0));
        }
        int size = timingSize == null ? 0 : timingSize;
        List<String> limitsProblem = new ArrayList<>();
        MachineLimits limits = target == null ? MachineLimits.none() : limitsBeside(baselinesFile, limitsProblem);
        JmhTable table = JmhTable.build(targetName == null ? "" : targetName, run, baselines, size,
                target == null || size == 0 ? null : target::flops, target == null || size == 0 ? null : target::bytes,
                limits.figures().isEmpty() ? null : n -> LimitOf.of(target.roofline(n), limits).orElse(null));
        if (!limitsProblem.isEmpty()) {
            List<String> notes = new ArrayList<>(table.notes());
            notes.addAll(limitsProblem);
            table = new JmhTable(table.rows(), notes);
        }
        if (table.rows().isEmpty()) {
            String why = "no JMH figures in summary.json (a run with --no-jmh, or one that ended before a confirmation)";
            why += baselinesFile == null ? " and no --baselines file"
                    : " and no result in " + baselinesFile + " has params.target = " + targetName;
            return Section.unavailable(why);
        }
        return Section.of(table);
    }

    /**
     * The machine's limits that {@code benchmarks/compare.sh} writes beside the baselines ({@code limits.tsv}),
     * or none when there is no such file or it cannot be read (the shares are then left out and {@code problems}
     * says why; the report is still written).
     */
    static MachineLimits limitsBeside(Path baselinesFile, List<String> problems) {
        if (baselinesFile == null) {
            return MachineLimits.none();
        }
        Path file = baselinesFile.toAbsolutePath().resolveSibling("limits.tsv");
        if (!Files.isRegularFile(file)) {
            return MachineLimits.none();
        }
        try {
            return MachineLimits.read(file);
        } catch (IOException | IllegalArgumentException e) {
            problems.add("no share of limit: " + file + " is unreadable (" + e.getMessage() + ")");
            return MachineLimits.none();
        }
    }

    // ------------------------------------------------------------------ JSON helpers

    private static boolean positive(JsonNode node, String field) {
        return node.path(field).isNumber() && node.get(field).asDouble() > 0 && Double.isFinite(node.get(field).asDouble());
    }

    private static Double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
    }

    private static String textOrNull(JsonNode v) {
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String firstText(Object... values) {
        for (Object v : values) {
            if (v instanceof JsonNode n && n.isTextual() && !n.asText().isBlank()) {
                return n.asText();
            }
            if (v instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static Integer firstInt(Object... values) {
        for (Object v : values) {
            if (v instanceof JsonNode n && n.isIntegralNumber() && n.asInt() > 0) {
                return n.asInt();
            }
            if (v instanceof Integer i && i > 0) {
                return i;
            }
        }
        return null;
    }
}
