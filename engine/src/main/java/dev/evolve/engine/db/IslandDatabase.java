package dev.evolve.engine.db;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
    private static final String VIA_ADDED = "added";
    private static final String VIA_SEED = "seed";
    private static final String VIA_MIGRATION = "migration";
    private static final String VIA_RESET = "reset";

    private final DatabaseConfig config;
    private final Grid grid;
    private final ProgramStore store;

    // Lookup only: never iterated, so HashMap order cannot leak into a decision.
    private final Map<String, Entry> byId = new HashMap<>();
    private final List<TreeMap<Integer, Entry>> islands = new ArrayList<>();
    private final long[] programs;
    private final long[] measured;
    private final long[] migrantsIn;
    private final long[] resets;
    private Entry best;
    private boolean closed;

    private IslandDatabase(DatabaseConfig config, Grid grid, ProgramStore store) {
        this.config = config;
        this.grid = grid;
        this.store = store;
        int k = config.islands();
        programs = new long[k];
        measured = new long[k];
        migrantsIn = new long[k];
        resets = new long[k];
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
        String wanted = ProgramStore.json(shape);
        Optional<String> stored = store.meta("shape");
        if (stored.isEmpty()) {
            store.inTransaction(() -> {
                store.putMetaInTransaction("shape", wanted);
                return null;
            });
        } else if (!ProgramStore.parseJson(stored.get(), SHAPE).equals(ProgramStore.parseJson(wanted, SHAPE))) {
            throw new NotAProgramDatabaseException(store.file() + " was made with " + stored.get()
                    + " but this configuration asks for " + wanted
                    + "; resume with the same islands, dimensions and bins, or start a new run folder");
        }
    }

    /** Rebuilds the heap index from the tables: same entries, same grids, same counters. */
    private void rebuild() {
        byId.clear();
        islands.clear();
        for (int i = 0; i < config.islands(); i++) {
            islands.add(Grid.emptyElites());
        }
        java.util.Arrays.fill(programs, 0);
        java.util.Arrays.fill(measured, 0);
        java.util.Arrays.fill(migrantsIn, 0);
        java.util.Arrays.fill(resets, 0);
        best = null;
        store.scanIndex(row -> {
            if (row.island() >= config.islands()) {
                throw new ProgramStoreException("program " + row.id() + " is on island " + row.island()
                        + " but the database has " + config.islands() + " islands");
            }
            boolean isMeasured = ProgramRecord.MEASURED.equals(row.status());
            int cell = isMeasured ? grid.parseKey(row.cell()) : -1;
            Entry e = new Entry(row.seq(), row.id(), row.score(), cell, row.island());
            byId.put(e.id(), e);
            count(e);
        });
        store.scanMembers(row -> {
            Entry e = byId.get(row.programId());
            if (e == null || row.island() >= config.islands() || !e.measured()
                    || grid.parseKey(row.cell()) != e.cell()) {
                throw new ProgramStoreException(store.file() + ": island membership " + row + " is inconsistent");
            }
            islands.get(row.island()).put(e.cell(), e);
        });
        store.scanEvents(row -> {
            switch (row.kind()) {
                case VIA_MIGRATION -> migrantsIn[row.toIsland()]++;
                case VIA_RESET -> resets[row.toIsland()]++;
                default -> throw new ProgramStoreException("unknown island event " + row.kind());
            }
        });
    }

    private void count(Entry e) {
        programs[e.island()]++;
        if (e.measured()) {
            measured[e.island()]++;
            if (best == null || e.beats(best)) {
                best = e;
            }
        }
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
        if (byId.containsKey(program.id())) {
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
                byId.put(entry.id(), entry);
                count(entry);
                long additions = byId.size();
                AddResult.Placement placement;
                if (!entry.measured()) {
                    placement = AddResult.Placement.STORED_FAILED;
                } else if (seed) {
                    placement = AddResult.Placement.NEW_CELL;
                    for (int i = 0; i < config.islands(); i++) {
                        AddResult.Placement p = place(i, entry, VIA_SEED, additions);
                        if (i == program.island()) {
                            placement = p;
                        }
                    }
                } else {
                    placement = place(program.island(), entry, VIA_ADDED, additions);
                }
                boolean newIslandBest = entry.measured()
                        && bestEntry(program.island()).filter(e -> e == entry).isPresent();
                boolean newBest = best == entry;
                List<IslandEvent> events = new ArrayList<>();
                if (!seed && config.islands() > 1) {
                    if (config.migrationInterval() > 0 && additions % config.migrationInterval() == 0) {
                        migrate(additions, events);
                    }
                    if (config.resetInterval() > 0 && additions % config.resetInterval() == 0) {
                        reset(additions, rnd, events);
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
        Entry e = byId.get(id);
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

    /** Offers {@code entry} to a cell of {@code island}; writes the membership when it takes the cell. */
    private AddResult.Placement place(int island, Entry entry, String via, long additions) throws SQLException {
        TreeMap<Integer, Entry> elites = islands.get(island);
        Entry current = elites.get(entry.cell());
        if (current != null && (current.id().equals(entry.id()) || !entry.beats(current))) {
            return AddResult.Placement.NOT_ELITE;
        }
        elites.put(entry.cell(), entry);
        store.putMember(island, grid.key(entry.cell()), entry.id(), via, additions);
        return current == null ? AddResult.Placement.NEW_CELL : AddResult.Placement.REPLACED_ELITE;
    }

    /** Ring migration of each island's best; bests are taken before any copy so nothing travels two hops. */
    private void migrate(long additions, List<IslandEvent> events) throws SQLException {
        int k = config.islands();
        List<Optional<Entry>> bests = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            bests.add(bestEntry(i));
        }
        for (int from = 0; from < k; from++) {
            if (bests.get(from).isEmpty()) {
                continue;
            }
            Entry migrant = bests.get(from).get();
            int to = (from + 1) % k;
            AddResult.Placement p = place(to, migrant, VIA_MIGRATION, additions);
            if (p != AddResult.Placement.NOT_ELITE) {
                store.insertEvent(VIA_MIGRATION, from, to, migrant.id(), additions);
                migrantsIn[to]++;
                events.add(new IslandEvent.Migrated(from, to, migrant.id(), additions));
            }
        }
    }

    /** FunSearch's reset: the weaker half is wiped and re-seeded, each from a random stronger island's best. */
    private void reset(long additions, RandomGenerator rnd, List<IslandEvent> events) throws SQLException {
        int k = config.islands();
        double[] tieBreak = new double[k];
        for (int i = 0; i < k; i++) {
            tieBreak[i] = rnd.nextDouble();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> bestEntry(i).map(Entry::score).orElse(0.0))
                .thenComparingDouble(i -> tieBreak[i]));
        List<Integer> weak = new ArrayList<>(order.subList(0, k / 2));
        List<Integer> strong = new ArrayList<>(order.subList(k / 2, k));
        weak.sort(Comparator.naturalOrder());
        strong.sort(Comparator.naturalOrder());
        for (int island : weak) {
            int from = strong.get(rnd.nextInt(strong.size()));
            Optional<Entry> donor = bestEntry(from);
            double weakBest = bestEntry(island).map(Entry::score).orElse(0.0);
            if (donor.isEmpty() || weakBest >= donor.get().score()) {
                // Nothing to gain, only diversity to lose: when every island already shares the same best (as
                // migration makes likely), wiping the "weaker" half would collapse grids for nothing.
                continue;
            }
            islands.get(island).clear();
            store.clearIsland(island);
            place(island, donor.get(), VIA_RESET, additions);
            store.insertEvent(VIA_RESET, from, island, donor.get().id(), additions);
            resets[island]++;
            events.add(new IslandEvent.Reset(from, island, donor.get().id(), additions));
        }
    }

    // ---------------------------------------------------------------- sampling

    @Override
    public synchronized Sample sample(int island, RandomGenerator rnd) {
        ensureOpen();
        checkIsland(island);
        Objects.requireNonNull(rnd, "rnd");
        List<Entry> cells = Grid.values(islands.get(island));
        if (cells.isEmpty()) {
            throw new IllegalStateException("island " + island + " has no measured program to sample;"
                    + " add a measured seed first (addSeed)");
        }
        List<String> ids = SampleSelection.pick(cells, () -> {
            List<Entry> others = new ArrayList<>();
            for (int i = 0; i < config.islands(); i++) {
                if (i != island) {
                    others.addAll(islands.get(i).values());
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

    private Optional<Entry> bestEntry(int island) {
        Entry top = null;
        for (Entry e : islands.get(island).values()) {
            if (top == null || e.beats(top)) {
                top = e;
            }
        }
        return Optional.ofNullable(top);
    }

    @Override
    public synchronized boolean contains(String id) {
        return byId.containsKey(id);
    }

    @Override
    public synchronized Optional<ProgramRecord> get(String id) {
        ensureOpen();
        return byId.containsKey(id) ? store.load(id) : Optional.empty();
    }

    @Override
    public synchronized Optional<ProgramRecord> best() {
        ensureOpen();
        return best == null ? Optional.empty() : store.load(best.id());
    }

    @Override
    public synchronized Optional<ProgramRecord> bestOf(int island) {
        ensureOpen();
        checkIsland(island);
        return bestEntry(island).flatMap(e -> store.load(e.id()));
    }

    @Override
    public synchronized List<ProgramRecord> elites(int island) {
        ensureOpen();
        checkIsland(island);
        return store.loadAll(islands.get(island).values().stream().map(Entry::id).toList());
    }

    /** The ids of one island's elites, in cell order, without loading anything. */
    public synchronized List<String> eliteIds(int island) {
        checkIsland(island);
        return islands.get(island).values().stream().map(Entry::id).toList();
    }

    /** The feature cell key ({@code "1,0,0,3"}) of a stored measured program. */
    public synchronized Optional<String> cellOf(String id) {
        Entry e = byId.get(id);
        return e == null || !e.measured() ? Optional.empty() : Optional.of(grid.key(e.cell()));
    }

    @Override
    public synchronized int size() {
        return byId.size();
    }

    @Override
    public int islandCount() {
        return config.islands();
    }

    @Override
    public synchronized List<IslandStats> islandStats() {
        List<IslandStats> stats = new ArrayList<>();
        for (int i = 0; i < config.islands(); i++) {
            Optional<Entry> top = bestEntry(i);
            stats.add(new IslandStats(i, islands.get(i).size(), grid.cells(), top.map(Entry::score).orElse(0.0),
                    top.map(Entry::id).orElse(null), programs[i], measured[i], migrantsIn[i], resets[i]));
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
