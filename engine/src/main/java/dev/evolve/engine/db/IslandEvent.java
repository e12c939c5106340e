package dev.evolve.engine.db;

/** Something the island model did to an island's membership, recorded in the database and returned by an add. */
public sealed interface IslandEvent {

    /** The island whose grid changed. */
    int island();

    /** The program that entered it. */
    String programId();

    /** The number of additions when it happened. */
    long atAddition();

    /** An island's best was copied into its ring neighbour's grid. */
    record Migrated(int fromIsland, int island, String programId, long atAddition) implements IslandEvent {}

    /** A weak island was cleared and re-seeded with the best of a strong one. */
    record Reset(int fromIsland, int island, String programId, long atAddition) implements IslandEvent {}
}
