package dev.evolve.engine.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The shape of a MAP-Elites grid: maps feature bins to a cell index and a readable key such as {@code "1,0,0,3"}. */
final class Grid {

    private final List<FeatureDimension> dimensions;

    Grid(List<FeatureDimension> dimensions) {
        this.dimensions = List.copyOf(dimensions);
    }

    List<FeatureDimension> dimensions() {
        return dimensions;
    }

    int cells() {
        int cells = 1;
        for (FeatureDimension d : dimensions) {
            cells *= d.bins();
        }
        return cells;
    }

    /** The bins of {@code program}, by dimension name in dimension order. */
    Map<String, Integer> features(ProgramRecord program) {
        Map<String, Integer> bins = new java.util.LinkedHashMap<>();
        for (FeatureDimension d : dimensions) {
            int bin = d.bin(program);
            if (bin < 0 || bin >= d.bins()) {
                throw new IllegalStateException("feature dimension " + d.name() + " put program " + program.id()
                        + " in bin " + bin + ", outside [0, " + d.bins() + ")");
            }
            bins.put(d.name(), bin);
        }
        return bins;
    }

    /** Mixed-radix index, first dimension most significant, so index order is key order. */
    int index(Map<String, Integer> features) {
        int index = 0;
        for (FeatureDimension d : dimensions) {
            index = index * d.bins() + features.get(d.name());
        }
        return index;
    }

    String key(int index) {
        int[] bins = new int[dimensions.size()];
        int rest = index;
        for (int i = dimensions.size() - 1; i >= 0; i--) {
            bins[i] = rest % dimensions.get(i).bins();
            rest /= dimensions.get(i).bins();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bins.length; i++) {
            sb.append(i == 0 ? "" : ",").append(bins[i]);
        }
        return sb.toString();
    }

    /** The index of a stored key, refusing keys that do not fit this grid. */
    int parseKey(String key) {
        String[] parts = key.split(",", -1);
        if (parts.length != dimensions.size()) {
            throw new ProgramStoreException("cell " + key + " does not fit a grid of " + dimensions.size()
                    + " dimensions");
        }
        int index = 0;
        for (int i = 0; i < parts.length; i++) {
            int bin;
            try {
                bin = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new ProgramStoreException("cell " + key + " is not a list of bins", e);
            }
            int bins = dimensions.get(i).bins();
            if (bin < 0 || bin >= bins) {
                throw new ProgramStoreException("cell " + key + " has bin " + bin + " outside [0, " + bins + ")");
            }
            index = index * bins + bin;
        }
        return index;
    }

    /** An empty grid of elites, ordered by cell. */
    static TreeMap<Integer, Entry> emptyElites() {
        return new TreeMap<>();
    }

    static List<Entry> values(TreeMap<Integer, Entry> elites) {
        return new ArrayList<>(elites.values());
    }
}
