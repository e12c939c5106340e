package dev.evolve.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The one place parents are picked. Episode {@code e} works on island {@code e mod islands} with
 * randomness derived from the run's seed and {@code e}, so a resumed run carries on with the random
 * state it would have had; the {@code k}-th parent picked ahead (for a model that works ahead of evaluation) draws
 * its island and randomness from the seed and {@code k} alike.
 *
 * <p>A parent whose model children kept repeating known programs ({@link #repeated}) is picked ahead less often:
 * a sample of a parent with {@code r} such children is kept with probability {@code 1 / (1 + r)}, else drawn
 * again (a few times at most, so that an island of one program still gives a parent). The number of parents
 * picked ahead and the repeat counts are kept in the run database's {@value #STATE_KEY} entry, so a resumed run
 * goes on with them.
 */
final class Parents {

    /** The run-state key of what parents picked ahead depend on. */
    static final String STATE_KEY = "parents_ahead";
    /** Draws of a parent picked ahead at most before the last one is kept. */
    private static final int MAX_DRAWS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parents picked ahead so far, and the model children of each parent that repeated a known program. */
    record Ahead(@JsonProperty("picked") long picked, @JsonProperty("repeats") Map<String, Integer> repeats) {
    }

    private final ProgramDatabase db;
    private final int islands;
    private final long seed;
    private final Map<String, Integer> repeats;
    private long picked;

    Parents(ProgramDatabase db, int islands, long seed) {
        this.db = db;
        this.islands = islands;
        this.seed = seed;
        Ahead stored = load(db);
        this.picked = stored.picked();
        this.repeats = new TreeMap<>(stored.repeats());
    }

    /** What a run stored before, or nothing; an unreadable entry counts as nothing (it only weighs picks). */
    private static Ahead load(ProgramDatabase db) {
        var json = db.getState(STATE_KEY);
        try {
            Ahead a = json.isEmpty() ? null : JSON.readValue(json.get(), Ahead.class);
            return a == null ? new Ahead(0, Map.of()) : new Ahead(a.picked(), a.repeats() == null ? Map.of() : a.repeats());
        } catch (IOException e) {
            return new Ahead(0, Map.of());
        }
    }

    private void save() {
        try {
            db.putState(STATE_KEY, JSON.writeValueAsString(new Ahead(picked, repeats)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state of parents picked ahead", e);
        }
    }

    /** The parent of episode {@code e}. */
    Proposer.Parent forEpisode(long e) {
        int island = (int) (e % islands);
        SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (e + 1)));
        return new Proposer.Parent(sampleFrom(island, random), island, random, e);
    }

    /** A parent picked ahead of its episode; parents whose children kept repeating known programs less often. */
    synchronized Proposer.Parent ahead() {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL ^ (0xBF58476D1CE4E5B9L * ++picked));
        int island = random.nextInt(islands);
        Sample sample = sampleFrom(island, random);
        for (int draw = 1; draw < MAX_DRAWS; draw++) {
            int r = repeats.getOrDefault(sample.parent().id(), 0);
            if (r == 0 || random.nextDouble() < 1.0 / (1 + r)) {
                break;
            }
            sample = sampleFrom(island, random);
        }
        save();
        return new Proposer.Parent(sample, island, random, -1);
    }

    /** A model child of {@code parentId} repeated a known program (a duplicate, a near copy). */
    synchronized void repeated(String parentId) {
        repeats.merge(parentId, 1, Integer::sum);
        save();
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
