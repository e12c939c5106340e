package dev.evolve.engine.db;

import java.util.function.Consumer;

/**
 * The rows an {@link IslandIndex} is rebuilt from, read without any source: programs (sequence,
 * id, island, status, score, cell), island memberships, and island events, each in a fixed order.
 */
final class IndexRows {

    private IndexRows() {
    }

    /** One program as the in-heap index needs it: no source. */
    record IndexRow(long seq, String id, int island, String status, double score, String cell) {}

    /** A membership row. */
    record MemberRow(int island, String cell, String programId) {}

    /** An island event row. */
    record EventRow(String kind, int fromIsland, int toIsland, String programId, long atAddition) {}

    static void programs(ProgramStore store, Consumer<IndexRow> action) {
        store.scan("SELECT seq, id, island, status, score, cell FROM programs ORDER BY seq",
                r -> action.accept(new IndexRow(r.getLong(1), r.getString(2), r.getInt(3), r.getString(4),
                        r.getDouble(5), r.getString(6))));
    }

    static void members(ProgramStore store, Consumer<MemberRow> action) {
        store.scan("SELECT island, cell, program_id FROM island_members ORDER BY island, cell",
                r -> action.accept(new MemberRow(r.getInt(1), r.getString(2), r.getString(3))));
    }

    static void events(ProgramStore store, Consumer<EventRow> action) {
        store.scan("SELECT kind, from_island, to_island, program_id, at_addition FROM island_events ORDER BY seq",
                r -> action.accept(new EventRow(r.getString(1), r.getInt(2), r.getInt(3), r.getString(4),
                        r.getLong(5))));
    }
}
