package dev.evolve.engine.db;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link ProgramDatabase#add} did.
 *
 * @param id            the program's id
 * @param placement     where it went
 * @param newIslandBest it is now the best of its island
 * @param newBest       it is now the best of the whole database
 * @param events        migrations and resets this addition triggered, in order
 */
public record AddResult(String id, Placement placement, boolean newIslandBest, boolean newBest,
                        List<IslandEvent> events) {

    /** Where an added program went. */
    public enum Placement {
        /** The id was already stored; nothing changed (a resumed run may re-add its seed). */
        DUPLICATE,
        /** Stored, but not measured, so it never enters a grid. */
        STORED_FAILED,
        /** Measured and took an empty cell. */
        NEW_CELL,
        /** Measured and beat the elite of its cell. */
        REPLACED_ELITE,
        /** Measured but its cell keeps a better (or equal and earlier) elite. */
        NOT_ELITE
    }

    public AddResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(placement, "placement");
        events = List.copyOf(events);
    }
}
