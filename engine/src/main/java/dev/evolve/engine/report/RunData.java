package dev.evolve.engine.report;

import dev.evolve.engine.record.Machine;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a report shows, read from one run folder. Each section is {@link Section.Available} or says why
 * it is not (an interrupted or older run, a run without measured children or JMH figures).
 *
 * @param dir      the run folder
 * @param header   what the run was and where the report was made; always there
 * @param primary  the primary metric of a run whose target is judged by its own evaluator (a scored run: its
 *                 figures, charts, lineage and grids show that metric, and JMH does not apply); null for a
 *                 timed run
 * @param figures  the summary's headline figures ({@code summary.json})
 * @param timeline every evaluation, confirmation and count over time ({@code events.jsonl})
 * @param lineage  how the best program descends from the seed
 * @param grids    the MAP-Elites grid of each island ({@code programs.db})
 * @param jmh      JMH figures of the seed and the best, and library baselines
 * @param notes    things the reader should know about the data (unreadable event lines, say)
 */
public record RunData(Path dir, Header header, PrimaryMetric primary, Section<Figures> figures, Section<Timeline> timeline,
                      Section<Lineage> lineage, Section<IslandGrids> grids, Section<JmhTable> jmh, List<String> notes) {

    public RunData {
        notes = List.copyOf(notes);
    }

    /** Whether the run's programs were judged by a custom evaluator rather than timed. */
    public boolean scored() {
        return primary != null;
    }

    /**
     * What the run was. Fields the folder does not give are null.
     *
     * @param runId       from {@code run.json}
     * @param target      the target's name
     * @param seed        the random seed
     * @param status      {@code finished}, {@code interrupted}, {@code running}, ... ({@code summary.json})
     * @param statusNote  a sentence qualifying the status (a run killed before it wrote its end), or null
     * @param created     when the run folder was made (ISO-8601)
     * @param wallSeconds wall time spent running (resumed runs: the sum of their sessions)
     * @param mutator     the mutator ({@code ast}, {@code llm}, {@code mixed})
     * @param budget      the configured budget, as written
     * @param machine     the machine the run ran on, as its {@code run.json} records it; for older folders
     *                    that do not, the machine the report is made on
     * @param machineOfRun whether {@code machine} is the run's own record
     */
    public record Header(String runId, String target, Long seed, String status, String statusNote, String created,
                         Double wallSeconds, String mutator, String budget, Machine machine, boolean machineOfRun) {
    }

    /**
     * The headline figures of {@code summary.json}; null where the summary lacks them. GB/s are derived from
     * the target's byte count at the timing size (the effective bandwidth), null when the target moves no
     * counted bytes.
     *
     * @param confirmedWithJmh whether {@code bestGflops} and {@code bestSpeedup} are JMH figures
     * @param scored           the primary metric's figures of a scored run (whose GFLOP/s and speedup are
     *                         meaningless zeros); null for a timed run
     */
    public record Figures(Double seedGflops, Double bestGflops, Double bestSpeedup, boolean confirmedWithJmh,
                          Double seedGbs, Double bestGbs, Long candidates, Long duplicates, Double candidatesPerMinute,
                          Integer timingSize, String bestId, String bestOrigin, Scored scored) {
    }

    /**
     * The headline figures of a scored run: the primary metric's values as the evaluator gave them
     * ({@code summary.json}'s {@code seed_score} and {@code best_score}); null where not known.
     */
    public record Scored(PrimaryMetric metric, Double seed, Double best) {

        /** {@code best - seed}, or null. */
        public Double difference() {
            return seed == null || best == null ? null : best - seed;
        }

        /**
         * How many times better the best is than the seed when both are positive: {@code best / seed} when higher
         * is better, {@code seed / best} when lower is; null otherwise (a value of 0 or below, or one missing).
         */
        public Double ratio() {
            if (seed == null || best == null || !(seed > 0) || !(best > 0)) {
                return null;
            }
            return metric.higherIsBetter() ? best / seed : seed / best;
        }
    }
}
