package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.Sample;
import java.util.SplittableRandom;

/**
 * The one place parents are picked. Episode {@code e} works on island {@code e mod islands} with
 * randomness derived from the run's seed and {@code e}, so a resumed run carries on with the random
 * state it would have had; parents picked ahead (for a model that works ahead of evaluation) come from a
 * stream of their own, on a random island.
 */
final class Parents {

    private final ProgramDatabase db;
    private final int islands;
    private final long seed;
    private final SplittableRandom ahead;

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

    /** A parent picked ahead of its episode. */
    Proposer.Parent ahead() {
        SplittableRandom random = ahead.split();
        int island = random.nextInt(islands);
        return new Proposer.Parent(sampleFrom(island, random), island, random, -1);
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
