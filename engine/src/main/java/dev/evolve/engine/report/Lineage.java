package dev.evolve.engine.report;

import java.util.List;

/**
 * How one program (the run's best) descends from the seed, seed first.
 *
 * @param bestId  the program the lineage ends at
 * @param basis   where it was read from: {@code programs.db} (with sources and diffs) or {@code events.jsonl}
 *                (an older folder without its database: no sources)
 * @param steps   the seed first, the best last
 */
public record Lineage(String bestId, String basis, List<Step> steps) {

    public Lineage {
        steps = List.copyOf(steps);
    }

    /** Whether the steps carry their sources (and so their diffs). */
    public boolean hasSources() {
        return steps.stream().allMatch(s -> s.source() != null);
    }

    /**
     * One program of the lineage.
     *
     * @param origin what made it from its parent ({@code seed}, {@code ast:strip-mine(16)+interchange(1)}, ...)
     * @param score  speedup over the seed (screening timing); 0 unless measured
     * @param source its source, or null when the folder does not hold it
     * @param diff   the unified diff of its source against its parent's; empty for the seed or without sources
     */
    public record Step(String id, long iteration, String origin, String status, double score, double gflops,
                       String source, List<String> diff) {
        public Step {
            diff = List.copyOf(diff);
        }
    }
}
