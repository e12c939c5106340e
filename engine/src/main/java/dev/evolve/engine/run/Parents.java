package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.Sample;
import java.util.SplittableRandom;

/**
 * The one place parents are picked. Episode {@code e} works on island {@code e mod islands} with
 * randomness derived from the run's seed and {@code e}, so a resumed run carries on with the random
 * state it would have had; parents picked ahead (for a model that works ahead of evaluation) come from a
 * stream of their own, on a random island.
 *
 * <p>A parent whose model children kept repeating known programs ({@link #repeated}) is picked ahead less often:
 * a sample of a parent with {@code r} such children is kept with probability {@code 1 / (1 + r)}, else drawn
 * again (a few times at most, so that an island of one program still gives a parent).
 */
final class Parents {

    private final ProgramDatabase db;
    private final int islands;
    private final long seed;
    private final SplittableRandom ahead;
    private final java.util.Map<String, Integer> repeats = new java.util.HashMap<>();
    /** Draws of a parent picked ahead at most before the last one is kept. */
    private static final int MAX_DRAWS = 6;

    Parents(ProgramDatabase db, int islands, long seed) {
        this.db = db;
        this.islands = islands;
        this.seed = seed;
        this.ahead = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** The parent of episode {@code e}. */
    Proposer.Parent forEpisode(long e) {
        int island = (int) (e % islands);
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (e + 1)));
        return new Proposer.Parent(sampleFrom(island, random), island, random, e);
    }

    /** A parent picked ahead of its episode; parents whose children kept repeating known programs less often. */
    Proposer.Parent ahead() {
        SplittableRandom random = ahead.split();
        int island = random.nextInt(islands);
        Sample sample = sampleFrom(island, random);
        for (int draw = 1; draw < MAX_DRAWS; draw++) {
            int r = repeats(sample.parent().id());
            if (r == 0 || random.nextDouble() < 1.0 / (1 + r)) {
                break;
            }
            sample = sampleFrom(island, random);
        }
        return new Proposer.Parent(sample, island, random, -1);
    }

    /** A model child of {@code parentId} repeated a known program (a duplicate, a near copy). */
    synchronized void repeated(String parentId) {
        repeats.merge(parentId, 1, Integer::sum);
    }

    /** How many model children of {@code parentId} repeated known programs. */
    synchronized int repeats(String parentId) {
        return repeats.getOrDefault(parentId, 0);
    }

    /**
     * A sample from {@code island}, or from the next island that has a measured program: an island
     * can empty when its only elite is demoted after re-timing.
     */
    private Sample sampleFrom(int island, SplittableRandom random) {
        for (int i = 0; i < islands; i++) {
            int candidate = (island + i) % islands;
            if (db.bestOf(candidate).isPresent()) {
                return db.sample(candidate, random);
            }
        }
        throw new IllegalStateException("no island holds a measured program");
    }
}
