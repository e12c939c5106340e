package dev.evolve.engine.db;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How the program database selects. The structural part (islands, dimensions, bins) is stored in the database file
 * and must match when it is reopened; the policy part (ratios, counts, intervals) may change between runs.
 *
 * @param islands            number of islands, each with its own grid
 * @param featureDimensions  names of the grid's dimensions, in order (built-ins in {@link FeatureDimensions})
 * @param featureBins        bins per dimension; every listed dimension has an entry
 * @param exploitationRatio  probability that a parent is drawn by rank from the island's elites rather than
 *                           uniformly from its occupied cells
 * @param inspirations       how many other programs accompany a parent (half the island's best, half diverse)
 * @param migrationInterval  every this many additions (stored programs of any status, the seed included) each
 *                           island's best is copied to the next island; 0 disables
 * @param resetInterval      every this many additions the weaker half of the islands is re-seeded; 0 disables
 */
public record DatabaseConfig(
        int islands,
        List<String> featureDimensions,
        Map<String, Integer> featureBins,
        double exploitationRatio,
        int inspirations,
        int migrationInterval,
        int resetInterval) {

    /** The largest grid accepted per island; beyond it a grid stops being a map of anything. */
    public static final int MAX_CELLS = 1 << 20;

    public static final int DEFAULT_ISLANDS = 4;
    public static final List<String> DEFAULT_DIMENSIONS = List.of(
            FeatureDimensions.CODE_SIZE, FeatureDimensions.VECTOR_API, FeatureDimensions.PARALLEL,
            FeatureDimensions.LOOP_DEPTH);
    public static final double DEFAULT_EXPLOITATION_RATIO = 0.7;
    public static final int DEFAULT_INSPIRATIONS = 4;
    public static final int DEFAULT_MIGRATION_INTERVAL = 100;
    public static final int DEFAULT_RESET_INTERVAL = 500;

    public DatabaseConfig {
        if (islands < 1 || islands > 1024) {
            throw new IllegalArgumentException("islands must be in [1, 1024], was " + islands);
        }
        if (featureDimensions == null || featureDimensions.isEmpty()) {
            throw new IllegalArgumentException("featureDimensions must name at least one dimension");
        }
        featureDimensions = List.copyOf(featureDimensions);
        Set<String> seen = new HashSet<>();
        for (String name : featureDimensions) {
            if (name.isBlank() || !seen.add(name)) {
                throw new IllegalArgumentException("featureDimensions must be distinct non-blank names, was "
                        + featureDimensions);
            }
        }
        Map<String, Integer> bins = new LinkedHashMap<>();
        Map<String, Integer> given = featureBins == null ? Map.of() : featureBins;
        for (String name : given.keySet()) {
            if (!seen.contains(name)) {
                throw new IllegalArgumentException("featureBins names " + name + ", which is not in featureDimensions "
                        + featureDimensions);
            }
        }
        long cells = 1;
        for (String name : featureDimensions) {
            Integer n = given.getOrDefault(name, FeatureDimensions.DEFAULT_BINS.get(name));
            if (n == null) {
                throw new IllegalArgumentException("featureBins needs a bin count for custom dimension " + name);
            }
            if (n < 1) {
                throw new IllegalArgumentException("featureBins[" + name + "] must be >= 1, was " + n);
            }
            bins.put(name, n);
            cells *= n;
            if (cells > MAX_CELLS) {
                throw new IllegalArgumentException("featureBins give more than " + MAX_CELLS + " cells per island: "
                        + bins);
            }
        }
        featureBins = Collections.unmodifiableMap(bins);
        if (!(exploitationRatio >= 0 && exploitationRatio <= 1)) {
            throw new IllegalArgumentException("exploitationRatio must be in [0, 1], was " + exploitationRatio);
        }
        if (inspirations < 0 || inspirations > 64) {
            throw new IllegalArgumentException("inspirations must be in [0, 64], was " + inspirations);
        }
        if (migrationInterval < 0) {
            throw new IllegalArgumentException("migrationInterval must be >= 0 (0 disables), was " + migrationInterval);
        }
        if (resetInterval < 0) {
            throw new IllegalArgumentException("resetInterval must be >= 0 (0 disables), was " + resetInterval);
        }
    }

    /** The defaults: 4 islands, code size x Vector API x parallel x loop depth, 0.7 exploitation, 4 inspirations,
     * migration every 100 additions, reset every 500. */
    public static DatabaseConfig defaults() {
        return new DatabaseConfig(DEFAULT_ISLANDS, DEFAULT_DIMENSIONS, Map.of(), DEFAULT_EXPLOITATION_RATIO,
                DEFAULT_INSPIRATIONS, DEFAULT_MIGRATION_INTERVAL, DEFAULT_RESET_INTERVAL);
    }

    public DatabaseConfig withIslands(int n) {
        return edit(d -> d.islands = n);
    }

    /** The given dimensions with their default bins (or those of {@code bins} where named). */
    public DatabaseConfig withFeatures(List<String> names, Map<String, Integer> bins) {
        return edit(d -> {
            d.featureDimensions = names;
            d.featureBins = bins;
        });
    }

    public DatabaseConfig withExploitationRatio(double ratio) {
        return edit(d -> d.exploitationRatio = ratio);
    }

    public DatabaseConfig withInspirations(int n) {
        return edit(d -> d.inspirations = n);
    }

    public DatabaseConfig withMigrationInterval(int n) {
        return edit(d -> d.migrationInterval = n);
    }

    public DatabaseConfig withResetInterval(int n) {
        return edit(d -> d.resetInterval = n);
    }

    /** The number of cells in one island's grid. */
    public int cellsPerIsland() {
        int cells = 1;
        for (int n : featureBins.values()) {
            cells *= n;
        }
        return cells;
    }

    /** A copy with what {@code change} sets, checked like any other configuration. */
    private DatabaseConfig edit(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** Every component by name, so that each {@code with...} says only what it changes. */
    private static final class Draft {
        int islands;
        List<String> featureDimensions;
        Map<String, Integer> featureBins;
        double exploitationRatio;
        int inspirations;
        int migrationInterval;
        int resetInterval;

        Draft(DatabaseConfig c) {
            islands = c.islands;
            featureDimensions = c.featureDimensions;
            featureBins = c.featureBins;
            exploitationRatio = c.exploitationRatio;
            inspirations = c.inspirations;
            migrationInterval = c.migrationInterval;
            resetInterval = c.resetInterval;
        }

        DatabaseConfig build() {
            return new DatabaseConfig(islands, featureDimensions, featureBins, exploitationRatio, inspirations,
                    migrationInterval, resetInterval);
        }
    }
}
