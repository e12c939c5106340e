package dev.evolve.engine.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The file format of a program database: the SQLite header, the application id and format
 * version in its pragmas, the format marker in {@code meta}, and the schema. A file of another
 * application or a newer format is refused before anything is written to it.
 */
final class StoreFormat {

    /** {@code PRAGMA application_id} of our files: "EVOL". */
    static final int APPLICATION_ID = 0x45564f4c;
    static final int FORMAT_VERSION = 1;
    static final String FORMAT_NAME = "evolve-program-database";

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final String SCHEMA = """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE programs (
              seq INTEGER PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              parent_id TEXT,
              source TEXT NOT NULL,
              island INTEGER NOT NULL,
              iteration INTEGER NOT NULL,
              origin TEXT NOT NULL,
              status TEXT NOT NULL,
              detail TEXT NOT NULL,
              score REAL NOT NULL,
              gflops REAL NOT NULL,
              median_ns INTEGER NOT NULL,
              metrics TEXT NOT NULL,
              features TEXT NOT NULL,
              cell TEXT,
              created_at TEXT NOT NULL);
            CREATE INDEX programs_parent ON programs(parent_id);
            CREATE INDEX programs_status_score ON programs(status, score);
            CREATE TABLE island_members (
              island INTEGER NOT NULL,
              cell TEXT NOT NULL,
              program_id TEXT NOT NULL REFERENCES programs(id),
              via TEXT NOT NULL,
              since_addition INTEGER NOT NULL,
              PRIMARY KEY (island, cell));
            CREATE TABLE island_events (
              seq INTEGER PRIMARY KEY,
              at_addition INTEGER NOT NULL,
              kind TEXT NOT NULL,
              from_island INTEGER NOT NULL,
              to_island INTEGER NOT NULL,
              program_id TEXT NOT NULL REFERENCES programs(id));
            CREATE TABLE run_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """;

    private StoreFormat() {
    }

    /** Refuses anything that is neither empty nor an SQLite file before SQLite gets to touch it. */
    static void checkHeader(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (IOException e) {
            throw new ProgramStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (head.length > 0 && !Arrays.equals(head, SQLITE_HEADER)) {
            throw new NotAProgramDatabaseException(file + " is not a program database (not an SQLite file)");
        }
    }

    /**
     * Creates the schema in an empty database, or checks that the file is a program database of
     * this format; then sets the pragmas every connection needs (WAL, foreign keys).
     *
     * @throws NotAProgramDatabaseException when it is another application's database or another format
     */
    static void prepare(Connection connection, Path file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            int applicationId = queryInt(s, "PRAGMA application_id");
            int version = queryInt(s, "PRAGMA user_version");
            int tables = queryInt(s, "SELECT count(*) FROM sqlite_schema");
            if (applicationId == 0 && version == 0 && tables == 0) {
                createSchema(connection, s);
            } else if (applicationId != APPLICATION_ID) {
                throw new NotAProgramDatabaseException(file + " is an SQLite database of another kind, not a program"
                        + " database (application_id " + Integer.toHexString(applicationId) + ")");
            } else if (version != FORMAT_VERSION) {
                throw new NotAProgramDatabaseException(file + " is a program database of format version " + version
                        + "; this build reads version " + FORMAT_VERSION);
            }
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
        }
    }

    private static void createSchema(Connection connection, Statement s) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (String ddl : SCHEMA.split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
            s.execute("PRAGMA user_version = " + FORMAT_VERSION);
            try (PreparedStatement p = connection.prepareStatement("INSERT INTO meta(key, value) VALUES (?, ?)")) {
                p.setString(1, "format");
                p.setString(2, FORMAT_NAME);
                p.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static int queryInt(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
