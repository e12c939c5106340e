package dev.evolve.engine.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The MAP-Elites grid of each island, as stored in the program database: the feature dimensions (in their
 * stored order) with their bin counts, and per island the elite of each occupied cell.
 *
 * @param dimensions feature dimension names, first one most significant in cell keys
 * @param bins       bins per dimension, same order
 * @param islands    one grid per island, by index
 */
public record IslandGrids(List<String> dimensions, List<Integer> bins, List<Island> islands) {

    public IslandGrids {
        dimensions = List.copyOf(dimensions);
        bins = List.copyOf(bins);
        islands = List.copyOf(islands);
        if (dimensions.size() != bins.size() || dimensions.isEmpty()) {
            throw new IllegalArgumentException("one bin count per dimension, at least one dimension: " + dimensions
                    + " " + bins);
        }
    }

    /**
     * One island.
     *
     * @param cells      elites by cell key ({@code "1,0,0,3"}: one bin per dimension)
     * @param programs   programs produced for it (every status)
     * @param measured   of which measured
     * @param migrantsIn migrants placed into its grid
     * @param resets     times it was cleared and re-seeded
     */
    public record Island(int index, Map<String, Elite> cells, long programs, long measured, long migrantsIn,
                         long resets) {
        public Island {
            cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
        }
    }

    /** The elite of a cell: its id, score (speedup over the seed), GFLOP/s and origin. */
    public record Elite(String id, double score, double gflops, String origin) {
    }

    /** Cells per island. */
    public int cellCount() {
        int n = 1;
        for (int b : bins) {
            n *= b;
        }
        return n;
    }

    /** The lowest and highest elite score over every island ({0, 0} when all are empty). */
    public double[] scoreRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Island island : islands) {
            for (Elite e : island.cells().values()) {
                lo = Math.min(lo, e.score());
                hi = Math.max(hi, e.score());
            }
        }
        return hi == 0 ? new double[] {0, 0} : new double[] {lo, hi};
    }

    /**
     * How a grid of any number of dimensions is laid out as a table: the first half of the dimensions (rounded
     * up) index the rows, the rest the columns, each in mixed radix with the earlier dimension most significant.
     */
    public Layout layout() {
        int split = (dimensions.size() + 1) / 2;
        return new Layout(split, combinations(bins.subList(0, split)), combinations(bins.subList(split, bins.size())));
    }

    /**
     * The table shape of a grid.
     *
     * @param rowDimensions how many leading dimensions index the rows
     * @param rows          the bins of the row dimensions for each row
     * @param columns       the bins of the column dimensions for each column (one empty list when there are none)
     */
    public record Layout(int rowDimensions, List<List<Integer>> rows, List<List<Integer>> columns) {

        /** The cell key of a row and a column. */
        public String key(List<Integer> row, List<Integer> column) {
            List<String> parts = new ArrayList<>();
            row.forEach(b -> parts.add(Integer.toString(b)));
            column.forEach(b -> parts.add(Integer.toString(b)));
            return String.join(",", parts);
        }
    }

    private static List<List<Integer>> combinations(List<Integer> bins) {
        List<List<Integer>> out = new ArrayList<>();
        out.add(List.of());
        for (int b : bins) {
            List<List<Integer>> next = new ArrayList<>();
            for (List<Integer> prefix : out) {
                for (int i = 0; i < b; i++) {
                    List<Integer> combo = new ArrayList<>(prefix);
                    combo.add(i);
                    next.add(List.copyOf(combo));
                }
            }
            out = next;
        }
        return out;
    }
}
