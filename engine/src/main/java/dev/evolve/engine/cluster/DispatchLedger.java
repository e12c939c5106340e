package dev.evolve.engine.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
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
 */
final class DispatchLedger implements AutoCloseable {

    enum State { DISPATCHED, DONE, LOST, EXPIRED, FAILED, ABANDONED }

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
            }
            return new DispatchLedger(c);
        } catch (SQLException e) {
            throw new ClusterException("cannot open the dispatch ledger in " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Marks every attempt still out as abandoned (a coordinator that restarts has lost their
     * results); their candidates are sent again, with the next attempt, when proposed again.
     *
     * @return the candidates that were out
     */
    synchronized Map<String, Integer> abandonInFlight(long nowMs) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT candidate, attempt FROM cluster_dispatch WHERE state = 'DISPATCHED' ORDER BY dispatched_ms")) {
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getInt(2));
                }
            }
            finish("UPDATE cluster_dispatch SET state = 'ABANDONED', finished_ms = ? WHERE state = 'DISPATCHED'", nowMs);
            return out;
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    /** Records a new attempt of {@code candidate} on {@code member}; returns its number (1 for the first). */
    synchronized int dispatch(String candidate, String member, long nowMs, long leaseUntilMs) {
        try {
            c.setAutoCommit(false);
            // the write comes first: it takes the file's write lock (waiting out the program store's
            // transactions), where a read first would pin a snapshot that the store's next commit makes
            // stale, and the write after it would fail at once (SQLITE_BUSY, no waiting)
            try (PreparedStatement u = c.prepareStatement("UPDATE cluster_dispatch SET state = 'ABANDONED',"
                    + " finished_ms = ? WHERE candidate = ? AND state = 'DISPATCHED'")) {
                u.setLong(1, nowMs);
                u.setString(2, candidate);
                u.executeUpdate();
            }
            int attempt;
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT COALESCE(MAX(attempt), 0) FROM cluster_dispatch WHERE candidate = ?")) {
                q.setString(1, candidate);
                try (ResultSet r = q.executeQuery()) {
                    attempt = r.next() ? r.getInt(1) + 1 : 1;
                }
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO cluster_dispatch (candidate, attempt, member,"
                    + " state, dispatched_ms, lease_until_ms) VALUES (?, ?, ?, 'DISPATCHED', ?, ?)")) {
                i.setString(1, candidate);
                i.setInt(2, attempt);
                i.setString(3, member);
                i.setLong(4, nowMs);
                i.setLong(5, leaseUntilMs);
                i.executeUpdate();
            }
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
     * candidate's latest and still out (it is then done); false for a late or repeated result.
     */
    synchronized boolean accept(String candidate, int attempt, long nowMs) {
        try (PreparedStatement u = c.prepareStatement("UPDATE cluster_dispatch SET state = 'DONE', finished_ms = ?"
                + " WHERE candidate = ? AND attempt = ? AND state = 'DISPATCHED' AND attempt ="
                + " (SELECT MAX(attempt) FROM cluster_dispatch WHERE candidate = ?)")) {
            u.setLong(1, nowMs);
            u.setString(2, candidate);
            u.setInt(3, attempt);
            u.setString(4, candidate);
            return u.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new ClusterException("the dispatch ledger: " + e.getMessage(), e);
        }
    }

    /** Ends an attempt that will bring no result ({@code LOST}, {@code EXPIRED}, {@code FAILED}), if still out. */
    synchronized void end(String candidate, int attempt, State state, long nowMs) {
        try (PreparedStatement u = c.prepareStatement("UPDATE cluster_dispatch SET state = ?, finished_ms = ?"
                + " WHERE candidate = ? AND attempt = ? AND state = 'DISPATCHED'")) {
            u.setString(1, state.name());
            u.setLong(2, nowMs);
            u.setString(3, candidate);
            u.setInt(4, attempt);
            u.executeUpdate();
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

    private void finish(String sql, long nowMs) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(sql)) {
            u.setLong(1, nowMs);
            u.executeUpdate();
        }
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
