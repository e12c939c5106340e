package dev.evolve.engine.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.wiring.RunSession;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Runs of matmul judged by the {@link HashEvaluator}, with or without a cluster, and what their folders hold. */
final class ClusterRuns {

    private ClusterRuns() {
    }

    static String clusterName() {
        return "evolve-test-" + Long.toHexString(System.nanoTime());
    }

    /** A port free now, with room above it for a few members. */
    static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                int p = s.getLocalPort();
                if (p < 60000) {
                    return p;
                }
            }
        }
        throw new IOException("no free port below 60000");
    }

    /** The configuration of a test run; {@code cluster} (section keys, without the prefix) may be empty. */
    static RunConfig config(long iterations, Map<String, Object> cluster) {
        Map<String, Object> flags = new LinkedHashMap<>(Map.of("iterations", iterations, "seed", 11L, "islands", 2,
                "jmh", false, "timing_size", 64, "workers", 1, "retime_interval", 1000));
        cluster.forEach((k, v) -> flags.put("cluster." + k, v));
        return ConfigFiles.effective("matmul", null, flags);
    }

    /** Runs {@code config} into {@code dir}; local evaluation (and re-timing) by the hash evaluator. */
    static Path run(Path dir, RunConfig config) throws InterruptedException {
        RunFolder folder = RunFolder.create(dir, "matmul-test", "matmul", Instant.parse("2026-01-02T03:04:05Z"));
        RunSession.startWith(folder, config, target -> new HashEvaluator(target, 0));
        return dir;
    }

    static JsonNode summary(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    }

    /** The ids of the programs filed, sorted. */
    static TreeSet<String> programIds(Path run) throws SQLException {
        return new TreeSet<>(strings(run, "SELECT id FROM programs"));
    }

    static List<String> strings(Path run, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve("programs.db"));
             ResultSet r = c.createStatement().executeQuery(sql)) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    static long count(Path run, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + run.resolve("programs.db"));
             ResultSet r = c.createStatement().executeQuery(sql)) {
            return r.next() ? r.getLong(1) : -1;
        }
    }

    static String events(Path run) throws IOException {
        return Files.readString(run.resolve("events.jsonl"));
    }
}
