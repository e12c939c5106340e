/**
 * The program database: every variant ever produced, stored once by the hash of its normalized source in SQLite,
 * plus islands of MAP-Elites grids that decide which programs become parents. Owns the {@link
 * dev.evolve.engine.db.ProgramDatabase} seam: selection policy and persistence, no evaluation and no prompts.
 */
package dev.evolve.engine.db;
