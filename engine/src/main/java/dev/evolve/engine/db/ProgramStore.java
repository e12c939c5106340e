package dev.evolve.engine.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The SQLite file behind a program database ({@code programs.db} in the run folder). WAL journal; each write
 * transaction is committed before the call returns, so a killed process loses nothing it reported as stored.
 * ({@code synchronous=NORMAL}: durable against a process crash; a power cut may lose the last transactions.)
 *
 * <p>Tables: {@code meta} (format, version, grid shape), {@code programs} (every field of a {@link ProgramRecord}
 * plus its feature bins as JSON and its cell), {@code island_members} (which program is the elite of which cell of
 * which island), {@code island_events} (migrations and resets) and {@code run_state} (the loop's own key/value
 * state). Not thread-safe; {@link IslandDatabase} serializes access.
 */
public final class ProgramStore implements AutoCloseable {

    private final Path file;
    private final Connection connection;
    private final AtomicLong sourceReads = new AtomicLong();

    private ProgramStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens {@code file}, creating an empty program database if it does not exist (its folder must).
     *
     * @throws NotAProgramDatabaseException if the file is not SQLite, is another application's SQLite file, or is
     *                                      a newer format
     */
    public static ProgramStore open(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new NotAProgramDatabaseException(absolute + " is a directory, not a program database file");
        }
        if (absolute.getParent() != null && !Files.isDirectory(absolute.getParent())) {
            throw new ProgramStoreException("cannot create " + absolute + ": folder " + absolute.getParent()
                    + " does not exist");
        }
        StoreFormat.checkHeader(absolute);
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + absolute);
        } catch (SQLException e) {
            throw new ProgramStoreException("cannot open " + absolute + ": " + e.getMessage(), e);
        }
        ProgramStore store = new ProgramStore(absolute, c);
        try {
            store.initialize();
            return store;
        } catch (SQLException e) {
            store.closeQuietly();
            throw new ProgramStoreException("cannot open " + absolute + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.closeQuietly();
            throw e;
        }
    }

    /** A store that lives in memory only, for tests of code that needs a database but not a file. */
    public static ProgramStore inMemory() {
        try {
            ProgramStore store = new ProgramStore(Path.of(":memory:"),
                    DriverManager.getConnection("jdbc:sqlite::memory:"));
            store.initialize();
            return store;
        } catch (SQLException e) {
            throw new ProgramStoreException("cannot create an in-memory program store: " + e.getMessage(), e);
        }
    }

    private void initialize() throws SQLException {
        StoreFormat.prepare(connection, file);
        connection.setAutoCommit(false);
        String format = meta("format").orElse("");
        if (!StoreFormat.FORMAT_NAME.equals(format)) {
            throw new NotAProgramDatabaseException(file + " lacks the program database format marker");
        }
    }

    /** The file this store writes. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- transactions

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} in a transaction and commits it; rolls back and rethrows on any failure. */
    <T> T inTransaction(Work<T> work) {
        return committed(work, "write to");
    }

    /** Reads, wrapping SQL failures; the read transaction ends either way, so the WAL can be checkpointed. */
    private <T> T read(Work<T> work) {
        return committed(work, "read from");
    }

    private <T> T committed(Work<T> work, String what) {
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ProgramStoreException(what + " " + file + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- writes (inside a transaction)

    /** Inserts a program; returns its sequence number (1 for the first program). */
    long insertProgram(ProgramRecord p, Map<String, Integer> features, String cell) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("""
                INSERT INTO programs(id, parent_id, source, island, iteration, origin, status, detail, score, gflops,
                                     median_ns, metrics, features, cell, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ProgramRows.bind(s, p, features, cell);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no sequence number returned for " + p.id());
                }
                return keys.getLong(1);
            }
        }
    }

    /** Changes a stored program's outcome after re-timing; {@code cell} null takes it out of every grid. */
    void rescore(String id, String status, String detail, double score, double gflops, long medianNs, String cell)
            throws SQLException {
        int changed = update("""
                UPDATE programs SET status = ?, detail = ?, score = ?, gflops = ?, median_ns = ?, cell = ?
                WHERE id = ?""", status, detail, score, gflops, medianNs, cell, id);
        if (changed != 1) {
            throw new SQLException("no stored program " + id);
        }
        if (cell == null) {
            update("DELETE FROM island_members WHERE program_id = ?", id);
        }
    }

    void putMember(int island, String cell, String programId, String via, long atAddition) throws SQLException {
        update("""
                INSERT INTO island_members(island, cell, program_id, via, since_addition) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(island, cell) DO UPDATE SET program_id = excluded.program_id, via = excluded.via,
                  since_addition = excluded.since_addition""", island, cell, programId, via, atAddition);
    }

    void clearIsland(int island) throws SQLException {
        update("DELETE FROM island_members WHERE island = ?", island);
    }

    void insertEvent(String kind, int fromIsland, int toIsland, String programId, long atAddition)
            throws SQLException {
        update("""
                INSERT INTO island_events(at_addition, kind, from_island, to_island, program_id)
                VALUES (?, ?, ?, ?, ?)""", atAddition, kind, fromIsland, toIsland, programId);
    }

    void putStateInTransaction(String key, String value) throws SQLException {
        putKeyValue("run_state", key, value);
    }

    void putMetaInTransaction(String key, String value) throws SQLException {
        putKeyValue("meta", key, value);
    }

    private void putKeyValue(String table, String key, String value) throws SQLException {
        if (key == null || key.isBlank() || value == null) {
            throw new IllegalArgumentException("a state entry needs a non-blank key and a value, was " + key
                    + " = " + value);
        }
        update("INSERT INTO " + table + "(key, value) VALUES (?, ?)"
                + " ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
    }

    /** Runs one statement with {@code values} bound in order (null binds SQL NULL); returns the rows it changed. */
    private int update(String sql, Object... values) throws SQLException {
        return Sqlite.update(connection, sql, values);
    }

    // ---------------------------------------------------------------- public reads and state

    /** Writes a run-state entry and commits it. */
    public void putState(String key, String value) {
        inTransaction(() -> {
            putStateInTransaction(key, value);
            return null;
        });
    }

    /** A run-state entry. */
    public Optional<String> getState(String key) {
        return read(() -> keyValue("run_state", key));
    }

    /** All run-state entries, by key. */
    public Map<String, String> state() {
        return read(() -> {
            Map<String, String> all = new LinkedHashMap<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT key, value FROM run_state ORDER BY key");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.put(r.getString(1), r.getString(2));
                }
            }
            return all;
        });
    }

    Optional<String> meta(String key) {
        return read(() -> keyValue("meta", key));
    }

    private Optional<String> keyValue(String table, String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM " + table + " WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /** The program with this id, source included. */
    public Optional<ProgramRecord> load(String id) {
        List<ProgramRecord> found = loadAll(List.of(id));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** The programs with these ids, in the order given; unknown ids are skipped. */
    public List<ProgramRecord> loadAll(List<String> ids) {
        return read(() -> {
            List<ProgramRecord> out = new ArrayList<>(ids.size());
            try (PreparedStatement s = connection.prepareStatement("SELECT * FROM programs WHERE id = ?")) {
                for (String id : ids) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            out.add(record(r));
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Every stored program in the order stored, read one row at a time (memory stays flat). */
    public void forEach(Consumer<ProgramRecord> action) {
        scan("SELECT * FROM programs ORDER BY seq", r -> action.accept(record(r)));
    }

    /** {@code id} and its ancestors, child first, as far as they are stored. */
    public List<ProgramRecord> lineage(String id) {
        List<ProgramRecord> chain = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        String next = id;
        while (next != null && seen.add(next)) {
            Optional<ProgramRecord> p = load(next);
            if (p.isEmpty()) {
                break;
            }
            chain.add(p.get());
            next = p.get().parentId();
        }
        return chain;
    }

    /**
     * How many program sources this store has read since it was opened. Sources are loaded only for a sample's
     * parent and inspirations and for explicit look-ups, never to build the in-heap index.
     */
    public long sourceReads() {
        return sourceReads.get();
    }

    private ProgramRecord record(ResultSet r) throws SQLException {
        sourceReads.incrementAndGet();
        return ProgramRows.read(r, file);
    }

    // ---------------------------------------------------------------- index scans (no sources)

    /** Reads one row of a query; see {@link IndexRows}. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql} (no parameters) and hands each row to {@code reader}, in the query's order. */
    void scan(String sql, RowReader reader) {
        read(() -> {
            try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    reader.read(r);
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new ProgramStoreException("closing " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
