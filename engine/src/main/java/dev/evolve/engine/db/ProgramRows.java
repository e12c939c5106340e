package dev.evolve.engine.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link ProgramRecord} as a row of the {@code programs} table and back: the insert's parameters,
 * the record of a row (a damaged row is an error naming the file), and the JSON of the metrics,
 * feature bins and grid shape.
 */
final class ProgramRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Double>> METRICS = new TypeReference<>() {};

    private ProgramRows() {
    }

    /** Binds the 15 parameters of the insert into {@code programs}, in column order. */
    static void bind(PreparedStatement s, ProgramRecord p, Map<String, Integer> features, String cell)
            throws SQLException {
        s.setString(1, p.id());
        s.setString(2, p.parentId());
        s.setString(3, p.source());
        s.setInt(4, p.island());
        s.setLong(5, p.iteration());
        s.setString(6, p.origin());
        s.setString(7, p.status());
        s.setString(8, p.detail());
        s.setDouble(9, p.score());
        s.setDouble(10, p.gflops());
        s.setLong(11, p.medianNs());
        s.setString(12, json(p.metrics()));
        s.setString(13, json(features));
        if (cell == null) {
            s.setNull(14, Types.VARCHAR);
        } else {
            s.setString(14, cell);
        }
        s.setString(15, p.createdAt().toString());
    }

    /** The program of a {@code SELECT *} row of {@code programs} in {@code file}. */
    static ProgramRecord read(ResultSet r, Path file) throws SQLException {
        try {
            return new ProgramRecord(r.getString("id"), r.getString("parent_id"), r.getString("source"),
                    r.getInt("island"), r.getLong("iteration"), r.getString("origin"), r.getString("status"),
                    r.getString("detail"), r.getDouble("score"), r.getDouble("gflops"), r.getLong("median_ns"),
                    JSON.readValue(r.getString("metrics"), METRICS), Instant.parse(r.getString("created_at")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ProgramStoreException(file + ": program " + r.getString("id") + " is damaged: "
                    + e.getMessage(), e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + value, e);
        }
    }

    static <T> T parseJson(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new ProgramStoreException("damaged JSON in program database: " + e.getOriginalMessage(), e);
        }
    }
}
