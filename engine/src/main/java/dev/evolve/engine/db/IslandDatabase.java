package dev.evolve.engine.db;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The island model with a MAP-Elites grid per island, persisted in a {@link ProgramStore}.
 *
 * <ul>
 *   <li>A measured program enters the grid of its island, in the cell given by its feature bins, if it beats the
 *       cell's elite (higher score; the earlier program on ties). Failed programs are stored but never become
 *       parents.</li>
 *   <li>{@link #sample}: with probability {@code exploitationRatio} the parent is drawn by rank over the island's
 *       elites (rank r weighs 1/(r+1)), otherwise uniformly over its occupied cells. Inspirations are the island's
 *       best (half, rounded up) then random other elites of the island, then of other islands if it has too few.</li>
 *   <li>Every {@code migrationInterval} additions each island's best is offered to the next island in the ring (a
 *       membership copy: one program may be an elite of several islands).</li>
 *   <li>Every {@code resetInterval} additions the weaker half of the islands by best score (ties broken at random)
 *       is cleared, each re-seeded with the best of a randomly chosen stronger island (FunSearch), unless that
 *       best is no better than the weak island's own.</li>
 * </ul>
 * Each addition, with the migrations and resets it triggers, is one SQLite transaction; the heap holds one small
 * {@link Entry} per program and rebuilds exactly from the tables on {@link #open}. Iteration is always in cell,
 * island or rank order, so results depend only on the random generator and the contents. Thread-safe (one lock).
 */
public final class IslandDatabase implements ProgramDatabase {

    private static final TypeReference<LinkedHashMap<String, Object>> SHAPE = new TypeReference<>() {};
    static final String VIA_ADDED = "added";
    static final String VIA_SEED = "seed";
    static final String VIA_MIGRATION = "migration";
    static final String VIA_RESET = "reset";

    private final DatabaseConfig config;
    private final Grid grid;
    private final ProgramStore store;

    private final IslandIndex index;
    private final IslandMoves moves;
    private boolean closed;

    private IslandDatabase(DatabaseConfig config, Grid grid, ProgramStore store) {
        this.config = config;
        this.grid = grid;
        this.store = store;
        this.index = new IslandIndex(config.islands());
        this.moves = new IslandMoves(config, grid, store, index);
    }

    /** Creates or reopens the database in {@code dbFile} with the built-in feature dimensions. */
    public static IslandDatabase open(Path dbFile, DatabaseConfig config) {
        return open(dbFile, config, List.of());
    }

    /**
     * Creates or reopens the database in {@code dbFile}. Dimensions named in the configuration are looked up in
     * {@code customDimensions} first, then among the built-ins. A reopened file must have been made with the same
     * islands, dimensions and bins.
     *
     * @throws NotAProgramDatabaseException if the file is something else or was made with another grid shape
     */
    public static IslandDatabase open(Path dbFile, DatabaseConfig config,
                                      Collection<? extends FeatureDimension> customDimensions) {
        Objects.requireNonNull(config, "config");
        List<FeatureDimension> dims = new ArrayList<>();
        for (String name : config.featureDimensions()) {
            dims.add(FeatureDimensions.resolve(name, config.featureBins().get(name), customDimensions));
        }
        ProgramStore store = ProgramStore.open(dbFile);
        try {
            IslandDatabase db = new IslandDatabase(config, new Grid(dims), store);
            db.checkShape();
            db.rebuild();
            return db;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * A database that lives in memory only and is gone when closed: for tests of the loop and of mutators that
     * need real selection without a run folder.
     */
    public static IslandDatabase inMemory(DatabaseConfig config) {
        Objects.requireNonNull(config, "config");
        List<FeatureDimension> dims = new ArrayList<>();
        for (String name : config.featureDimensions()) {
            dims.add(FeatureDimensions.builtIn(name, config.featureBins().get(name)));
        }
        IslandDatabase db = new IslandDatabase(config, new Grid(dims), ProgramStore.inMemory());
        db.checkShape();
        db.rebuild();
        return db;
    }

    /** Stores the grid shape in a new file, or refuses a file made with another one. */
    private void checkShape() {
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("islands", config.islands());
        shape.put("featureDimensions", config.featureDimensions()); // order fixes the cell keys
        shape.put("featureBins", config.featureBins());
        String wanted = ProgramRows.json(shape);
        Optional<String> stored = store.meta("shape");
        if (stored.isEmpty()) {
            store.inTransaction(() -> {
                store.putMetaInTransaction("shape", wanted);
                return null;
            });
        } else if (!ProgramRows.parseJson(stored.get(), SHAPE).equals(ProgramRows.parseJson(wanted, SHAPE))) {
            throw new NotAProgramDatabaseException(store.file() + " was made with " + stored.get()
                    + " but this configuration asks for " + wanted
                    + "; resume with the same islands, dimensions and bins, or start a new run folder");
        }
    }

    /** Rebuilds the heap index from the tables: same entries, same grids, same counters. */
    private void rebuild() {
        index.rebuild(store, grid);
    }

    // ---------------------------------------------------------------- adding

    @Override
    public synchronized AddResult add(ProgramRecord program, RandomGenerator rnd, Map<String, String> state) {
        Objects.requireNonNull(rnd, "rnd");
        return insert(program, rnd, state, false);
    }

    @Override
    public synchronized AddResult addSeed(ProgramRecord seed) {
        return insert(seed, null, Map.of(), true);
    }

    private AddResult insert(ProgramRecord program, RandomGenerator rnd, Map<String, String> state, boolean seed) {
        ensureOpen();
        Objects.requireNonNull(program, "program");
        Map<String, String> stateCopy = new TreeMap<>(state);
        if (!program.id().equals(SourceHash.of(program.source()))) {
            throw new IllegalArgumentException("program id " + program.id() + " is not SourceHash.of(its source)");
        }
        if (index.contains(program.id())) {
            writeState(stateCopy);
            return new AddResult(program.id(), AddResult.Placement.DUPLICATE, false, false, List.of());
        }
        if (program.island() >= config.islands()) {
            throw new IllegalArgumentException("program " + program.id() + " is for island " + program.island()
                    + " but the database has " + config.islands() + " islands");
        }
        Map<String, Integer> features = program.measured() ? grid.features(program) : Map.of();
        int cell = program.measured() ? grid.index(features) : -1;
        try {
            return store.inTransaction(() -> {
                long seq = store.insertProgram(program, features, cell < 0 ? null : grid.key(cell));
                Entry entry = new Entry(seq, program.id(), program.score(), cell, program.island());
                index.add(entry);
                long additions = index.size();
                AddResult.Placement placement;
                if (!entry.measured()) {
                    placement = AddResult.Placement.STORED_FAILED;
                } else if (seed) {
                    placement = AddResult.Placement.NEW_CELL;
                    for (int i = 0; i < config.islands(); i++) {
                        AddResult.Placement p = moves.place(i, entry, VIA_SEED, additions);
                        if (i == program.island()) {
                            placement = p;
                        }
                    }
                } else {
                    placement = moves.place(program.island(), entry, VIA_ADDED, additions);
                }
                boolean newIslandBest = entry.measured()
                        && index.bestOf(program.island()).filter(e -> e == entry).isPresent();
                boolean newBest = index.best() == entry;
                List<IslandEvent> events = new ArrayList<>();
                if (!seed && config.islands() > 1) {
                    if (config.migrationInterval() > 0 && additions % config.migrationInterval() == 0) {
                        moves.migrate(additions, events);
                    }
                    if (config.resetInterval() > 0 && additions % config.resetInterval() == 0) {
                        moves.reset(additions, rnd, events);
                    }
                }
                for (Map.Entry<String, String> kv : stateCopy.entrySet()) {
                    store.putStateInTransaction(kv.getKey(), kv.getValue());
                }
                return new AddResult(program.id(), placement, newIslandBest, newBest, events);
            });
        } catch (RuntimeException e) {
            // The transaction was rolled back; the heap may be ahead of it, so read it back from the file.
            try {
                rebuild();
            } catch (RuntimeException rebuildFailure) {
                e.addSuppressed(rebuildFailure);
            }
            throw e;
        }
    }

    @Override
    public synchronized void rescore(String id, String status, String detail, double score, double gflops,
                                     long medianNs) {
        ensureOpen();
        Entry e = index.entry(id);
        if (e == null || !e.measured()) {
            throw new IllegalArgumentException("no measured program " + id + " to rescore");
        }
        boolean stillMeasured = ProgramRecord.MEASURED.equals(status);
        if (!ProgramRecord.STATUSES.contains(status) || (stillMeasured ? !(score > 0) : score != 0)) {
            throw new IllegalArgumentException("inconsistent outcome for " + id + ": " + status + " with score " + score);
        }
        store.inTransaction(() -> {
            store.rescore(id, status, detail, score, gflops, medianNs, stillMeasured ? grid.key(e.cell()) : null);
            return null;
        });
        rebuild();
    }

    private void writeState(Map<String, String> state) {
        if (!state.isEmpty()) {
            store.inTransaction(() -> {
                for (Map.Entry<String, String> kv : state.entrySet()) {
                    store.putStateInTransaction(kv.getKey(), kv.getValue());
                }
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- sampling

    @Override
    public synchronized Sample sample(int island, RandomGenerator rnd) {
        ensureOpen();
        checkIsland(island);
        Objects.requireNonNull(rnd, "rnd");
        List<Entry> cells = Grid.values(index.elites(island));
        if (cells.isEmpty()) {
            throw new IllegalStateException("island " + island + " has no measured program to sample;"
                    + " add a measured seed first (addSeed)");
        }
        List<String> ids = SampleSelection.pick(cells, () -> {
            List<Entry> others = new ArrayList<>();
            for (int i = 0; i < config.islands(); i++) {
                if (i != island) {
                    others.addAll(index.elites(i).values());
                }
            }
            return others;
        }, config.exploitationRatio(), config.inspirations(), rnd);
        List<ProgramRecord> loaded = store.loadAll(ids);
        if (loaded.size() != ids.size()) {
            throw new ProgramStoreException("programs indexed in memory are missing from " + store.file());
        }
        return new Sample(loaded.getFirst(), loaded.subList(1, loaded.size()));
    }

    // ---------------------------------------------------------------- queries

    @Override
    public synchronized boolean contains(String id) {
        return index.contains(id);
    }

    @Override
    public synchronized Optional<ProgramRecord> get(String id) {
        ensureOpen();
        return index.contains(id) ? store.load(id) : Optional.empty();
    }

    @Override
    public synchronized Optional<ProgramRecord> best() {
        ensureOpen();
        return index.best() == null ? Optional.empty() : store.load(index.best().id());
    }

    @Override
    public synchronized Optional<ProgramRecord> bestOf(int island) {
        ensureOpen();
        checkIsland(island);
        return index.bestOf(island).flatMap(e -> store.load(e.id()));
    }

    @Override
    public synchronized List<ProgramRecord> elites(int island) {
        ensureOpen();
        checkIsland(island);
        return store.loadAll(index.elites(island).values().stream().map(Entry::id).toList());
    }

    /** The ids of one island's elites, in cell order, without loading anything. */
    @Override
    public synchronized List<String> eliteIds(int island) {
        checkIsland(island);
        return index.elites(island).values().stream().map(Entry::id).toList();
    }

    /** The feature cell key ({@code "1,0,0,3"}) of a stored measured program. */
    public synchronized Optional<String> cellOf(String id) {
        Entry e = index.entry(id);
        return e == null || !e.measured() ? Optional.empty() : Optional.of(grid.key(e.cell()));
    }

    @Override
    public synchronized int size() {
        return index.size();
    }

    @Override
    public int islandCount() {
        return config.islands();
    }

    @Override
    public synchronized List<IslandStats> islandStats() {
        List<IslandStats> stats = new ArrayList<>();
        for (int i = 0; i < config.islands(); i++) {
            stats.add(index.stats(i, grid.cells()));
        }
        return stats;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** {@code id} and its stored ancestors, child first. */
    public synchronized List<ProgramRecord> lineage(String id) {
        ensureOpen();
        return store.lineage(id);
    }

    /** Every stored program in the order added, sources included, read one at a time (memory stays flat). */
    public synchronized void forEachProgram(java.util.function.Consumer<ProgramRecord> action) {
        ensureOpen();
        store.forEach(action);
    }

    /** Every run-state entry, by key. */
    public synchronized Map<String, String> state() {
        ensureOpen();
        return store.state();
    }

    /** The file behind this database ({@code :memory:} for {@link #inMemory}). */
    public Path file() {
        return store.file();
    }

    /** How many program sources were read back from the file: a measure of how little stays in memory. */
    public long sourceReads() {
        return store.sourceReads();
    }

    /** The store itself; not thread-safe, so only tests in this package use it. */
    ProgramStore store() {
        return store;
    }

    @Override
    public synchronized void putState(String key, String value) {
        ensureOpen();
        store.putState(key, value);
    }

    @Override
    public synchronized Optional<String> getState(String key) {
        ensureOpen();
        return store.getState(key);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }

    private void checkIsland(int island) {
        if (island < 0 || island >= config.islands()) {
            throw new IllegalArgumentException("island must be in [0, " + config.islands() + "), was " + island);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the program database " + store.file() + " is closed");
        }
    }
}
