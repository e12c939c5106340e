/**
 * A run: its configuration, its folder (database, event log, summary, best program), the loop
 * that drives episodes of search against the program database, and its progress display.
 */
package dev.evolve.engine.run;
