package dev.evolve.engine.report;

import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.IslandStats;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.ConfigFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A run's programs as the report shows them: the lineage of the best (with sources and diffs from
 * {@code programs.db}, or from the event log's parent links when the database is missing) and the
 * MAP-Elites grid of each island. The database is opened only when it exists and is non-empty, so a
 * report never creates or writes one.
 */
final class ProgramHistory {

    private ProgramHistory() {
    }

    /** @param maximize the primary metric's goal as the best and the seed tell it; null for timed runs or unknown */
    record DatabaseSections(Section<Lineage> lineage, Section<IslandGrids> grids, Boolean maximize) {
        DatabaseSections(Section<Lineage> lineage, Section<IslandGrids> grids) {
            this(lineage, grids, null);
        }
    }

    /** @param primary the primary metric's name for a scored run, else null */
    static DatabaseSections fromDatabase(Path dir, Path dbFile, String summaryBest, String primary) {
        Path configFile = dir.resolve("config.yaml");
        if (!Files.isRegularFile(configFile)) {
            String why = "programs.db is there but config.yaml, which gives its grid shape, is not";
            return new DatabaseSections(Section.unavailable(why), Section.unavailable(why));
        }
        try {
            if (Files.size(dbFile) == 0) {        // opening it would create the schema: a report never writes a run
                String why = "programs.db is empty (the run was killed as it started)";
                return new DatabaseSections(Section.unavailable(why), Section.unavailable(why));
            }
        } catch (IOException e) {
            String why = "programs.db could not be read: " + e.getMessage();
            return new DatabaseSections(Section.unavailable(why), Section.unavailable(why));
        }
        try (var db = IslandDatabase.open(dbFile, ConfigFiles.read(configFile).database().toDatabaseConfig())) {
            return new DatabaseSections(lineage(db, summaryBest, primary), Section.of(grids(db, primary)),
                    primary == null ? null : goalOf(db, primary));
        } catch (RuntimeException e) {
            String why = "programs.db could not be read: " + e.getMessage();
            return new DatabaseSections(Section.unavailable(why), Section.unavailable(why));
        }
    }

    /** The goal that the scores of the best and of the measured programs of the lineage give the primary metric. */
    private static Boolean goalOf(IslandDatabase db, String primary) {
        Optional<ProgramRecord> best = db.best();
        if (best.isEmpty()) {
            return null;
        }
        for (ProgramRecord p : db.lineage(best.get().id())) {
            Double v = p.measured() ? p.metrics().get(primary) : null;
            Boolean goal = v == null ? null : PrimaryMetric.goalOf(v, p.score());
            if (goal != null) {
                return goal;
            }
        }
        return null;
    }

    /** A scored program's metrics, the primary first; empty for timed runs and unmeasured programs. */
    private static Map<String, Double> metricsOf(ProgramRecord p, String primary) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (primary == null || !p.measured()) {
            return out;
        }
        Double v = p.metrics().get(primary);
        if (v != null) {
            out.put(primary, v);
        }
        p.metrics().forEach(out::putIfAbsent);
        return out;
    }

    private static Section<Lineage> lineage(IslandDatabase db, String summaryBest, String primary) {
        Optional<ProgramRecord> best = summaryBest == null ? Optional.empty()
                : db.get(summaryBest).filter(ProgramRecord::measured);
        if (best.isEmpty()) {
            best = db.best();
        }
        if (best.isEmpty()) {
            return Section.unavailable("programs.db holds no measured program yet");
        }
        List<ProgramRecord> chain = new ArrayList<>(db.lineage(best.get().id()));
        Collections.reverse(chain);
        List<Lineage.Step> steps = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            ProgramRecord p = chain.get(i);
            List<String> diff = i == 0 ? List.of() : Diffs.unified(
                    "step " + (i - 1) + " " + Format.shortId(chain.get(i - 1).id()), chain.get(i - 1).source(),
                    "step " + i + " " + Format.shortId(p.id()), p.source());
            steps.add(new Lineage.Step(p.id(), p.iteration(), p.origin(), p.status(), p.score(), p.gflops(),
                    metricsOf(p, primary), p.source(), diff));
        }
        return Section.of(new Lineage(best.get().id(), "programs.db", steps));
    }

    private static IslandGrids grids(IslandDatabase db, String primary) {
        var config = db.config();
        List<Integer> bins = new ArrayList<>();
        for (String d : config.featureDimensions()) {
            bins.add(config.featureBins().get(d));
        }
        List<IslandGrids.Island> islands = new ArrayList<>();
        List<IslandStats> stats = db.islandStats();
        for (int i = 0; i < db.islandCount(); i++) {
            Map<String, IslandGrids.Elite> cells = new LinkedHashMap<>();
            for (ProgramRecord p : db.elites(i)) {
                String key = db.cellOf(p.id()).orElse(null);
                if (key != null) {
                    cells.put(key, new IslandGrids.Elite(p.id(), p.score(), p.gflops(), p.origin(),
                            primary == null ? null : p.metrics().get(primary)));
                }
            }
            IslandStats st = stats.get(i);
            islands.add(new IslandGrids.Island(i, cells, st.programs(), st.measured(), st.migrantsIn(), st.resets()));
        }
        return new IslandGrids(config.featureDimensions(), bins, islands);
    }

    /** The lineage from the event log's parent links, without sources: for folders without their database. */
    static Section<Lineage> lineageFromEvents(EventHistory events, String summaryBest) {
        Map<String, EventHistory.Child> children = events.children();
        String bestId = summaryBest != null && children.containsKey(summaryBest) ? summaryBest : null;
        if (bestId == null) {                  // the highest score, the earliest on ties (as the database ranks)
            EventHistory.Child top = null;
            for (EventHistory.Child c : children.values()) {
                if (c.status().equals("measured") && (top == null || c.score() > top.score()
                        || (c.score() == top.score() && c.iteration() < top.iteration()))) {
                    top = c;
                }
            }
            bestId = top == null ? null : top.id();
        }
        if (bestId == null) {
            return Section.unavailable(events.seedId() == null ? "no measured program in the event log"
                    : "no measured child in the event log; the best is the seed");
        }
        List<Lineage.Step> steps = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String id = bestId;
        while (id != null && seen.add(id)) {
            EventHistory.Child c = children.get(id);
            if (c == null) {
                if (id.equals(events.seedId())) {
                    steps.add(new Lineage.Step(id, 0, "seed", "measured", 1.0, 0, events.seedMetrics(), null,
                            List.of()));
                }
                break;
            }
            Map<String, Double> metrics = c.primary() == null || !events.timeline().scored() ? Map.of()
                    : Map.of(events.timeline().primary().name(), c.primary());
            steps.add(new Lineage.Step(c.id(), c.iteration(), c.origin(), c.status(), c.score(), c.gflops(), metrics,
                    null, List.of()));
            id = c.parent();
        }
        Collections.reverse(steps);
        return Section.of(new Lineage(bestId, "events.jsonl", steps));
    }
}
