package dev.evolve.engine.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The JDBC step the SQLite-backed stores share (the program store, the cluster's dispatch ledger). */
public final class Sqlite {

    private Sqlite() {
    }

    /**
     * Runs one statement on {@code c} with {@code values} bound in order (null binds SQL NULL); returns the
     * rows it changed.
     */
    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }
}
