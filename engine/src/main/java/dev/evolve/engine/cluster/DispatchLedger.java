package dev.evolve.engine.cluster;

import dev.evolve.engine.db.Sqlite;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dispatches of a cluster run, in the run's own SQLite database (table {@code cluster_dispatch},
 * written by the coordinator only): one row per (candidate, attempt) with the member it went to, its
 * state and its lease. An attempt is {@code dispatched}, then {@code done} (its result accepted),
 * {@code lost} (its member left), {@code expired} (its lease ran out), {@code failed} (its member
 * could not evaluate it) or {@code abandoned} (the coordinator stopped with it out). A result is
 * accepted only for the candidate's current attempt while it is out: {@link #accept} is that check
 * and its update in one statement, so a late or duplicate result changes nothing.
 *
 * <p>Each row keeps the candidate's source (so a restarted coordinator can send it again without the
 * loop) and, once done, the accepted outcome as JSON (so a result that came back but was not filed
 * before a stop is filed at resume without evaluating again). Both columns are added to the table of
 * an older run's database when it is opened; its rows hold neither. The ledger and the program store
 * are two connections on one file: every write here is one statement, never a read then a write in
 * one transaction (whose snapshot the store's next commit would make stale).
 */
final class DispatchLedger implements AutoCloseable {

    enum State { DISPATCHED, DONE, LOST, EXPIRED, FAILED, ABANDONED }

    /**
     * A candidate a stopped coordinator left unfiled: its latest attempt was out (or abandoned), with
     * the source to send again, or done with the outcome to file.
     *
     * @param outcomeJson the accepted outcome; null when the candidate must be evaluated again
     */
    record Leftover(String candidate, int attempt, String source, String outcomeJson) {
        Leftover {
            if (candidate == null || attempt < 1 || (source == null && outcomeJson == null)) {
                throw new IllegalArgumentException("a leftover names its candidate and attempt, with a source or an outcome");
            }
        }
    }

    private final Connection c;

    private DispatchLedger(Connection c) {
        this.c = c;
    }

    /** Opens (and creates) the ledger in the database file {@code db}. */
    static DispatchLedger open(Path db) {
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");        // as the program store: durable against a crash
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS cluster_dispatch (candidate TEXT NOT NULL, attempt INTEGER NOT NULL,"
                        + " member TEXT NOT NULL, state TEXT NOT NULL, dispatched_ms INTEGER NOT NULL,"
                        + " lease_until_ms INTEGER NOT NULL, finished_ms INTEGER, PRIMARY KEY (candidate, attempt))");
                addColumnIfMissing(c, "source");     // a run database of an older release lacks these two
                addColumnIfMissing(c, "outcome");
            }
            return new DispatchLedger(c);
        } catch (SQLException e) {
            throw new ClusterException("cannot open the dispatch ledger in " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks every attempt still out as abandoned (a coordinator that restarts has lost their
     * results), and lists what the run left unfiled, in the order it went out: candidates whose
     * latest attempt brought no result (out, abandoned, or lost, expired or failed with the next
     * attempt not yet sent; with their source), and candidates whose result was accepted but never
     * filed (with their outcome). Candidates already in the run's programs are left
     * out. Rows of an older release (no source) cannot be sent again: they are counted only.
     *
     * @return the leftovers, and how many candidates were out without a stored source
     */
    synchronized Leftovers abandonInFlight(long nowMs) {
        try {
            update("UPDATE cluster_dispatch SET state = 'ABANDONED', finished_ms = ? WHERE state = 'DISPATCHED'", nowMs);
            boolean programs;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'programs'")) {
                programs = r.next() && r.getInt(1) == 1;
            }
            String latestUnfiled = " FROM cluster_dispatch d WHERE d.attempt ="
                    + " (SELECT MAX(attempt) FROM cluster_dispatch e WHERE e.candidate = d.candidate)"
                    + (programs ? " AND d.candidate NOT IN (SELECT id FROM programs)" : "");
            List<Leftover> out = new ArrayList<>();
            int sourceless = 0;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT d.candidate, d.attempt, d.state, d.source, d.outcome" + latestUnfiled
                            + " ORDER BY d.dispatched_ms, d.rowid")) {
                while (r.next()) {
                    boolean done = r.getString(3).equals("DONE");
                    String source = r.getString(4);
                    String outcome = r.getString(5);
                    if (done ? outcome != null : source != null) {
                        out.add(new Leftover(r.getString(1), r.getInt(2), done ? null : source, done ? outcome : null));
                    } else if (!done) {
                        sourceless++;
                    }
                }
            }
            return new Leftovers(List.copyOf(out), sourceless);
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    /** What {@link #abandonInFlight} found. */
    record Leftovers(List<Leftover> unfiled, int sourceless) {
    }

    /** Records a new attempt of {@code candidate} on {@code member}; returns its number (1 for the first). */
    synchronized int dispatch(String candidate, String member, long nowMs, long leaseUntilMs, String source) {
        try {
            c.setAutoCommit(false);
            // the write comes first: it takes the file's write lock (waiting out the program store's
            // transactions), where a read first would pin a snapshot that the store's next commit makes
            // stale, and the write after it would fail at once (SQLITE_BUSY, no waiting)
            update("UPDATE cluster_dispatch SET state = 'ABANDONED', finished_ms = ? WHERE candidate = ?"
                    + " AND state = 'DISPATCHED'", nowMs, candidate);
            int attempt;
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT COALESCE(MAX(attempt), 0) FROM cluster_dispatch WHERE candidate = ?")) {
                q.setString(1, candidate);
                try (ResultSet r = q.executeQuery()) {
                    attempt = r.next() ? r.getInt(1) + 1 : 1;
                }
            }
            update("INSERT INTO cluster_dispatch (candidate, attempt, member, state, dispatched_ms, lease_until_ms,"
                    + " source) VALUES (?, ?, ?, 'DISPATCHED', ?, ?, ?)", candidate, attempt, member, nowMs,
                    leaseUntilMs, source);
            c.commit();
            return attempt;
        } catch (SQLException e) {
            rollback();
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    /**
     * Accepts the result of {@code attempt} of {@code candidate}: true only when that attempt is the
     * candidate's latest and still out (it is then done, with {@code outcomeJson} kept and its source
     * dropped: the program store holds it once filed); false for a late or repeated result.
     */
    synchronized boolean accept(String candidate, int attempt, long nowMs, String outcomeJson) {
        try {
            return update("UPDATE cluster_dispatch SET state = 'DONE', finished_ms = ?, outcome = ?, source = NULL"
                    + " WHERE candidate = ? AND attempt = ? AND state = 'DISPATCHED' AND attempt ="
                    + " (SELECT MAX(attempt) FROM cluster_dispatch WHERE candidate = ?)",
                    nowMs, outcomeJson, candidate, attempt, candidate) == 1;
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    /** Ends an attempt that will bring no result ({@code LOST}, {@code EXPIRED}, {@code FAILED}), if still out. */
    synchronized void end(String candidate, int attempt, State state, long nowMs) {
        try {
            update("UPDATE cluster_dispatch SET state = ?, finished_ms = ? WHERE candidate = ? AND attempt = ?"
                    + " AND state = 'DISPATCHED'", state.name(), nowMs, candidate, attempt);
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    /** Per member, how many attempts ended in each state. */
    synchronized Map<String, Map<String, Long>> countsByMember() {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT member, state, COUNT(*) FROM cluster_dispatch GROUP BY member, state")) {
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getString(1), k -> new TreeMap<>())
                            .put(r.getString(2).toLowerCase(java.util.Locale.ROOT), r.getLong(3));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    /** The member whose result for {@code candidate} was accepted, if any. */
    synchronized String doneBy(String candidate) {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT member FROM cluster_dispatch WHERE candidate = ? AND state = 'DONE'")) {
            q.setString(1, candidate);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    private static void addColumnIfMissing(Connection c, String column) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pragma_table_info('cluster_dispatch') WHERE name = '"
                     + column + "'")) {
            if (r.next() && r.getInt(1) > 0) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE cluster_dispatch ADD COLUMN " + column + " TEXT");
        }
    }

    private int update(String sql, Object... values) throws SQLException {
        return Sqlite.update(c, sql, values);
    }

    private void rollback() {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the failure that led here is reported
        }
    }

    private void autoCommit() {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the next statement reports a broken connection
        }
    }

    @Override
    public synchronized void close() {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to write
        }
    }
}
