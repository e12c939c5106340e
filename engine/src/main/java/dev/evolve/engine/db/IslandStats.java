package dev.evolve.engine.db;

/**
 * One island at a glance, for the live display and the run summary: a collapsed island (one cell, no measured
 * programs of its own, a best copied from elsewhere) shows here.
 *
 * @param island        index
 * @param occupiedCells grid cells holding an elite
 * @param cells         cells in the grid
 * @param bestScore     score of its best elite, 0 when empty
 * @param bestId        id of its best elite, {@code null} when empty
 * @param programs      programs produced for this island (every status)
 * @param measured      of which measured
 * @param migrantsIn    migrants placed into its grid
 * @param resets        times it was cleared and re-seeded
 */
public record IslandStats(int island, int occupiedCells, int cells, double bestScore, String bestId, long programs,
                          long measured, long migrantsIn, long resets) {}
