package dev.evolve.engine.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The heap side of an {@link IslandDatabase}: one small {@link Entry} per program, each island's
 * grid of elites, the per-island counters and the best measured program. Rebuilt exactly from the
 * tables of the {@link ProgramStore}; no source is held. Not thread-safe: the database's lock guards it.
 */
final class IslandIndex {

    private final int islandCount;
    // Lookup only: never iterated, so HashMap order cannot leak into a decision.
    private final Map<String, Entry> byId = new HashMap<>();
    private final List<TreeMap<Integer, Entry>> islands = new ArrayList<>();
    private final long[] programs;
    private final long[] measured;
    private final long[] migrantsIn;
    private final long[] resets;
    private Entry best;

    IslandIndex(int islandCount) {
        this.islandCount = islandCount;
        programs = new long[islandCount];
        measured = new long[islandCount];
        migrantsIn = new long[islandCount];
        resets = new long[islandCount];
        for (int i = 0; i < islandCount; i++) {
            islands.add(Grid.emptyElites());
        }
    }

    /** Reads the index back from the tables: same entries, same grids, same counters. */
    void rebuild(ProgramStore store, Grid grid) {
        byId.clear();
        islands.clear();
        for (int i = 0; i < islandCount; i++) {
            islands.add(Grid.emptyElites());
        }
        java.util.Arrays.fill(programs, 0);
        java.util.Arrays.fill(measured, 0);
        java.util.Arrays.fill(migrantsIn, 0);
        java.util.Arrays.fill(resets, 0);
        best = null;
        IndexRows.programs(store, row -> {
            if (row.island() >= islandCount) {
                throw new ProgramStoreException("program " + row.id() + " is on island " + row.island()
                        + " but the database has " + islandCount + " islands");
            }
            boolean isMeasured = ProgramRecord.MEASURED.equals(row.status());
            int cell = isMeasured ? grid.parseKey(row.cell()) : -1;
            add(new Entry(row.seq(), row.id(), row.score(), cell, row.island()));
        });
        IndexRows.members(store, row -> {
            Entry e = byId.get(row.programId());
            if (e == null || row.island() >= islandCount || !e.measured()
                    || grid.parseKey(row.cell()) != e.cell()) {
                throw new ProgramStoreException(store.file() + ": island membership " + row + " is inconsistent");
            }
            islands.get(row.island()).put(e.cell(), e);
        });
        IndexRows.events(store, row -> {
            switch (row.kind()) {
                case IslandDatabase.VIA_MIGRATION -> migrantsIn[row.toIsland()]++;
                case IslandDatabase.VIA_RESET -> resets[row.toIsland()]++;
                default -> throw new ProgramStoreException("unknown island event " + row.kind());
            }
        });
    }

    /** Indexes a program just stored (not yet an elite anywhere). */
    void add(Entry e) {
        byId.put(e.id(), e);
        programs[e.island()]++;
        if (e.measured()) {
            measured[e.island()]++;
            if (best == null || e.beats(best)) {
                best = e;
            }
        }
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The entry of {@code id}, or null. */
    Entry entry(String id) {
        return byId.get(id);
    }

    /** Programs indexed, failed ones included. */
    int size() {
        return byId.size();
    }

    /** The best measured program of all, or null before the first. */
    Entry best() {
        return best;
    }

    /** The elites of {@code island} by cell (the live map: placing and clearing write through it). */
    TreeMap<Integer, Entry> elites(int island) {
        return islands.get(island);
    }

    /** The best elite of {@code island}. */
    Optional<Entry> bestOf(int island) {
        Entry top = null;
        for (Entry e : islands.get(island).values()) {
            if (top == null || e.beats(top)) {
                top = e;
            }
        }
        return Optional.ofNullable(top);
    }

    void countMigrant(int island) {
        migrantsIn[island]++;
    }

    void countReset(int island) {
        resets[island]++;
    }

    IslandStats stats(int island, int cells) {
        Optional<Entry> top = bestOf(island);
        return new IslandStats(island, islands.get(island).size(), cells, top.map(Entry::score).orElse(0.0),
                top.map(Entry::id).orElse(null), programs[island], measured[island], migrantsIn[island],
                resets[island]);
    }
}
