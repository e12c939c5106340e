package dev.evolve.engine.db;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Every program the loop has produced, and the policy that picks the next parents. Randomness is always passed in,
 * so a run with a seeded generator is reproducible. Implementations are safe for concurrent use.
 *
 * <pre>{@code
 * try (ProgramDatabase db = IslandDatabase.open(runDir.resolve("programs.db"), DatabaseConfig.defaults())) {
 *     db.addSeed(seedRecord);                        // a no-op when resuming
 *     int island = (int) (iteration % db.islandCount());
 *     Sample s = db.sample(island, rnd);
 *     // ... mutate s.parent(), skip ids db.contains(), evaluate; the child keeps the island ...
 *     db.add(childRecord, rnd, Map.of("iteration", Long.toString(iteration)));
 * }
 * }</pre>
 */
public interface ProgramDatabase extends AutoCloseable {

    /**
     * Stores {@code program} for good and, if it is measured, offers it to its island's grid. Every few additions
     * this also migrates and resets islands (using {@code rnd}). Adding an id that is already stored changes nothing.
     *
     * @throws IllegalArgumentException if the id is not the hash of the source or the island does not exist
     */
    default AddResult add(ProgramRecord program, RandomGenerator rnd) {
        return add(program, rnd, Map.of());
    }

    /**
     * As {@link #add(ProgramRecord, RandomGenerator)}, and writes {@code state} entries (see {@link #putState}) in the
     * same transaction, so the loop's counters never disagree with the programs after a crash.
     */
    AddResult add(ProgramRecord program, RandomGenerator rnd, Map<String, String> state);

    /** Stores the seed and makes it an elite of every island; a no-op if it is already stored. */
    AddResult addSeed(ProgramRecord seed);

    /**
     * Replaces the outcome of a measured program after it was timed again: a new score (the run's seed was re-timed,
     * or the first timing was lucky), or a failure, which takes it out of every grid for good. The source, lineage
     * and grid cell stay as they were.
     *
     * @throws IllegalArgumentException if no measured program has this id, or the outcome is inconsistent
     */
    void rescore(String id, String status, String detail, double score, double gflops, long medianNs);

    /** Whether a program with this id (measured or not) is stored. */
    boolean contains(String id);

    /** The stored program with this id, source included. */
    Optional<ProgramRecord> get(String id);

    /**
     * A parent from {@code island}'s elites and inspirations for it.
     *
     * @throws IllegalStateException if the island has no measured program yet
     */
    Sample sample(int island, RandomGenerator rnd);

    /** The ids of one island's elites, as {@link #elites} lists them; an implementation may answer without loading them. */
    default List<String> eliteIds(int island) {
        return elites(island).stream().map(ProgramRecord::id).toList();
    }

    /** The best measured program stored (highest score, the earlier on ties). */
    Optional<ProgramRecord> best();

    /** The best elite of one island. */
    Optional<ProgramRecord> bestOf(int island);

    /** The elites of one island, in cell order, sources loaded. */
    List<ProgramRecord> elites(int island);

    /** Number of programs stored, every status. */
    int size();

    int islandCount();

    /** Per-island figures, in island order. */
    List<IslandStats> islandStats();

    /** Writes a run-state entry (a counter, a JSON document) and commits it. */
    void putState(String key, String value);

    /** A run-state entry written by {@link #putState} or {@link #add(ProgramRecord, RandomGenerator, Map)}. */
    Optional<String> getState(String key);

    @Override
    void close();
}
