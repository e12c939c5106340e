package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator of a cluster run, in a JVM of its own, killed with SIGKILL while candidates are out
 * on two members, then resumed: what was out goes out again at once (the next attempt) and is filed
 * once, nothing is evaluated twice, and the members go on working for the resumed run.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CoordinatorRestartTest {

    static final long ITERATIONS = 60;

    @Test
    void aCoordinatorKilledMidRunResumesWithWhatWasOutSentAgainAndFiledOnce(@TempDir Path tmp) throws Exception {
        String cluster = ClusterRuns.clusterName();
        int port = ClusterRuns.freePort();
        String join = "127.0.0.1:" + port;
        Path dir = tmp.resolve("run");
        try (MemberProcess one = MemberProcess.start(join, port, cluster, 2, 400);
             MemberProcess two = MemberProcess.start(join, port + 1, cluster, 2, 400)) {
            List<String> members = List.of(one.ready(), two.ready());
            Process first = coordinator(cluster + "-coordinator-run", "run", dir.toString(), String.valueOf(ITERATIONS),
                    join, cluster);
            Map<String, Integer> out;
            try {
                out = awaitCandidatesOut(dir, first);
            } finally {
                first.destroyForcibly();                 // SIGKILL, with candidates out on the members
                first.waitFor(30, TimeUnit.SECONDS);
            }
            out = outNow(dir);                           // what the ledger says was out at the kill
            long killedAt = System.currentTimeMillis();
            assertThat(out).as(ClusterRuns.events(dir)).isNotEmpty();
            int filedBefore = ClusterRuns.programIds(dir).size();
            // results accepted but not yet filed at the kill (the pipeline files in proposal order) are kept
            var left = new TreeSet<>(out.keySet());
            left.addAll(ClusterRuns.strings(dir, "SELECT candidate FROM cluster_dispatch WHERE state = 'DONE'"
                    + " AND candidate NOT IN (SELECT id FROM programs)"));

            Process second = coordinator(cluster + "-coordinator-resume", "resume", dir.toString());
            assertThat(second.waitFor(4, TimeUnit.MINUTES)).as("the resumed coordinator finished").isTrue();
            String events = ClusterRuns.events(dir);
            assertThat(second.exitValue()).as(events).isZero();

            assertThat(ClusterRuns.summary(dir).path("candidates_evaluated").asLong()).as(events).isEqualTo(ITERATIONS);
            var programs = ClusterRuns.programIds(dir);
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM programs")).as("no program twice")
                    .isEqualTo(programs.size());
            assertThat(ClusterRuns.strings(dir, "SELECT candidate FROM cluster_dispatch WHERE state = 'DONE'"
                    + " GROUP BY candidate HAVING COUNT(*) > 1")).as("no candidate done twice; " + events).isEmpty();
            // nothing lost: every result accepted is filed (and every program came back from a member), but
            // for candidates out at the kill that the resumed loop did not propose again (kept in the ledger)
            var done = new TreeSet<>(ClusterRuns.strings(dir, "SELECT candidate FROM cluster_dispatch WHERE state = 'DONE'"));
            var kept = new TreeSet<>(done);
            kept.removeAll(programs);
            assertThat(done).as(events).containsAll(programs);
            assertThat(left).as("only what was left unfiled at the kill may stay unfiled; " + events).containsAll(kept);
            kept.forEach(id -> assertThat(events).contains("\"event\":\"kept_unfiled\",\"candidate\":\"" + id));
            assertThat(ClusterRuns.summary(dir).path("cluster").path("kept_not_proposed_again").asInt())
                    .as(events).isGreaterThanOrEqualTo(kept.size());
            // the candidates out at the kill went out again, with the next attempt, and were filed once
            for (var e : out.entrySet()) {
                assertThat(ClusterRuns.count(dir, "SELECT MAX(attempt) FROM cluster_dispatch WHERE candidate = '"
                        + e.getKey() + "'")).as(e.getKey() + " sent again; " + events).isGreaterThan(e.getValue());
            }
            assertThat(done).as("the candidates out at the kill came back once; " + events).containsAll(out.keySet());
            assertThat(events).contains("sent again at resume");
            // the members go on working after the restart
            var after = ClusterRuns.strings(dir, "SELECT DISTINCT member FROM cluster_dispatch WHERE dispatched_ms > "
                    + killedAt);
            assertThat(after).as(events).isNotEmpty().allMatch(members::contains);
            assertThat(programs.size()).isGreaterThan(filedBefore);
            System.out.printf("left at the kill: %d out, %d unfiled; after resume: %d taken over, %d kept unfiled%n",
                    out.size(), left.size() - out.size(), count(events, "taken_over"), count(events, "kept_unfiled"));
        }
    }

    private static long count(String events, String kind) {
        return events.lines().filter(l -> l.contains("\"event\":\"" + kind + "\"")).count();
    }

    /** Waits until a few candidates are filed and at least one is out; the coordinator must still run. */
    private static Map<String, Integer> awaitCandidatesOut(Path dir, Process coordinator) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!coordinator.isAlive()) {
                throw new AssertionError("the coordinator ended before the kill: " + eventsOrNone(dir));
            }
            if (Files.isRegularFile(dir.resolve("programs.db")) && evaluatedEvents(dir) >= 6) {
                Map<String, Integer> out = outNow(dir);
                if (out.size() >= 2) {
                    return out;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no candidates out after 3 minutes: " + eventsOrNone(dir));
    }

    private static Map<String, Integer> outNow(Path dir) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try {
            for (String row : ClusterRuns.strings(dir, "SELECT candidate || ' ' || attempt FROM cluster_dispatch"
                    + " WHERE state = 'DISPATCHED'")) {
                String[] parts = row.split(" ");
                out.put(parts[0], Integer.parseInt(parts[1]));
            }
        } catch (java.sql.SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("no such table")) {
                throw e;
            }
        }
        return out;
    }

    private static long evaluatedEvents(Path dir) throws IOException {
        Path events = dir.resolve("events.jsonl");
        return Files.isRegularFile(events)
                ? Files.readAllLines(events).stream().filter(l -> l.contains("\"event\":\"evaluated\"")).count() : 0;
    }

    private static String eventsOrNone(Path dir) throws IOException {
        return Files.isRegularFile(dir.resolve("events.jsonl")) ? ClusterRuns.events(dir) : "(no events yet)";
    }

    /** A coordinator JVM; its output goes to target/cluster-members/{@code log}.log for a failure's post-mortem. */
    private static Process coordinator(String log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CoordinatorMain.class.getName()));
        command.addAll(List.of(args));
        Path logs = Files.createDirectories(Path.of("target", "cluster-members"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(log + ".log").toFile()).start();
    }
}
