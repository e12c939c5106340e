package dev.evolve.engine.db;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Which programs one {@link IslandDatabase#sample} holds: the parent, drawn by rank (weight 1/(rank+1))
 * with probability {@code exploitationRatio} and uniformly from the island's cells otherwise; then
 * the inspirations, the island's best half first, random cells of the island next, and random
 * programs of other islands when the island has too few. Works on the in-memory index only.
 */
final class SampleSelection {

    private SampleSelection() {
    }

    /**
     * The ids of the parent (first) and the inspirations.
     *
     * @param cells        the island's elites, in cell order (not empty)
     * @param otherIslands the other islands' elites, in island and cell order; asked for only when needed
     */
    static List<String> pick(List<Entry> cells, Supplier<List<Entry>> otherIslands, double exploitationRatio,
                             int inspirations, RandomGenerator rnd) {
        List<Entry> ranked = ranked(cells);
        Entry parent;
        if (rnd.nextDouble() < exploitationRatio) {
            parent = ranked.get(rankWeightedIndex(ranked.size(), rnd));
        } else {
            parent = cells.get(rnd.nextInt(cells.size()));
        }
        int wanted = inspirations;
        Set<String> chosen = new LinkedHashSet<>();
        int top = (wanted + 1) / 2;
        for (Entry e : ranked) {
            if (chosen.size() >= top) {
                break;
            }
            if (!e.id().equals(parent.id())) {
                chosen.add(e.id());
            }
        }
        pickRandomly(cells, parent, chosen, wanted, rnd);
        if (chosen.size() < wanted) {
            pickRandomly(otherIslands.get(), parent, chosen, wanted, rnd);
        }
        List<String> ids = new ArrayList<>();
        ids.add(parent.id());
        ids.addAll(chosen);
        return ids;
    }

    /** Adds random distinct picks from {@code pool} (never the parent) until {@code chosen} has {@code wanted}. */
    private static void pickRandomly(List<Entry> pool, Entry parent, Set<String> chosen, int wanted,
                                     RandomGenerator rnd) {
        List<Entry> left = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(chosen);
        seen.add(parent.id());
        for (Entry e : pool) {
            if (seen.add(e.id())) {
                left.add(e);
            }
        }
        while (chosen.size() < wanted && !left.isEmpty()) {
            chosen.add(left.remove(rnd.nextInt(left.size())).id());
        }
    }

    private static List<Entry> ranked(Collection<Entry> entries) {
        List<Entry> ranked = new ArrayList<>(entries);
        ranked.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparingLong(Entry::seq));
        return ranked;
    }

    /** Index r drawn with weight 1/(r+1). */
    private static int rankWeightedIndex(int n, RandomGenerator rnd) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            total += 1.0 / (r + 1);
        }
        double x = rnd.nextDouble() * total;
        for (int r = 0; r < n; r++) {
            x -= 1.0 / (r + 1);
            if (x < 0) {
                return r;
            }
        }
        return n - 1;
    }
}
