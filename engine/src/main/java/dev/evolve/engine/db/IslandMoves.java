package dev.evolve.engine.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * How programs move between the islands' grids, inside the transaction of an addition: placing a
 * program in a cell (membership written when it takes the cell), the ring migration of each
 * island's best, and FunSearch's reset of the weaker half. Index and tables change together.
 */
final class IslandMoves {

    private final DatabaseConfig config;
    private final Grid grid;
    private final ProgramStore store;
    private final IslandIndex index;

    IslandMoves(DatabaseConfig config, Grid grid, ProgramStore store, IslandIndex index) {
        this.config = config;
        this.grid = grid;
        this.store = store;
        this.index = index;
    }

    /** Offers {@code entry} to a cell of {@code island}; writes the membership when it takes the cell. */
    AddResult.Placement place(int island, Entry entry, String via, long additions) throws SQLException {
        TreeMap<Integer, Entry> elites = index.elites(island);
        Entry current = elites.get(entry.cell());
        if (current != null && (current.id().equals(entry.id()) || !entry.beats(current))) {
            return AddResult.Placement.NOT_ELITE;
        }
        elites.put(entry.cell(), entry);
        store.putMember(island, grid.key(entry.cell()), entry.id(), via, additions);
        return current == null ? AddResult.Placement.NEW_CELL : AddResult.Placement.REPLACED_ELITE;
    }

    /** Ring migration of each island's best; bests are taken before any copy so nothing travels two hops. */
    void migrate(long additions, List<IslandEvent> events) throws SQLException {
        int k = config.islands();
        List<Optional<Entry>> bests = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            bests.add(index.bestOf(i));
        }
        for (int from = 0; from < k; from++) {
            if (bests.get(from).isEmpty()) {
                continue;
            }
            Entry migrant = bests.get(from).get();
            int to = (from + 1) % k;
            AddResult.Placement p = place(to, migrant, IslandDatabase.VIA_MIGRATION, additions);
            if (p != AddResult.Placement.NOT_ELITE) {
                store.insertEvent(IslandDatabase.VIA_MIGRATION, from, to, migrant.id(), additions);
                index.countMigrant(to);
                events.add(new IslandEvent.Migrated(from, to, migrant.id(), additions));
            }
        }
    }

    /** FunSearch's reset: the weaker half is wiped and re-seeded, each from a random stronger island's best. */
    void reset(long additions, RandomGenerator rnd, List<IslandEvent> events) throws SQLException {
        int k = config.islands();
        double[] tieBreak = new double[k];
        for (int i = 0; i < k; i++) {
            tieBreak[i] = rnd.nextDouble();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> index.bestOf(i).map(Entry::score).orElse(0.0))
                .thenComparingDouble(i -> tieBreak[i]));
        List<Integer> weak = new ArrayList<>(order.subList(0, k / 2));
        List<Integer> strong = new ArrayList<>(order.subList(k / 2, k));
        weak.sort(Comparator.naturalOrder());
        strong.sort(Comparator.naturalOrder());
        for (int island : weak) {
            int from = strong.get(rnd.nextInt(strong.size()));
            Optional<Entry> donor = index.bestOf(from);
            double weakBest = index.bestOf(island).map(Entry::score).orElse(0.0);
            if (donor.isEmpty() || weakBest >= donor.get().score()) {
                // Nothing to gain, only diversity to lose: when every island already shares the same best (as
                // migration makes likely), wiping the "weaker" half would collapse grids for nothing.
                continue;
            }
            index.elites(island).clear();
            store.clearIsland(island);
            place(island, donor.get(), IslandDatabase.VIA_RESET, additions);
            store.insertEvent(IslandDatabase.VIA_RESET, from, island, donor.get().id(), additions);
            index.countReset(island);
            events.add(new IslandEvent.Reset(from, island, donor.get().id(), additions));
        }
    }
}
