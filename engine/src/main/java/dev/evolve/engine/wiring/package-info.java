/**
 * Wiring: builds a run from its configuration and folder (database, workbench, observers, model
 * proposer), runs the loop of {@code run} and always tears it down. Nothing here decides anything
 * about the search; {@code run} is the loop, {@code record} the files.
 */
package dev.evolve.engine.wiring;
