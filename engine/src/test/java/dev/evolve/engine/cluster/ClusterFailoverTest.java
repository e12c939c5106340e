package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members that die or freeze in the middle of a run, in JVMs of their own: nothing is lost, nothing is
 * filed twice, and the run finishes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterFailoverTest {

    @Test
    void aMemberKilledMidEvaluationHasItsCandidateSentAgain(@TempDir Path tmp) throws Exception {
        String cluster = ClusterRuns.clusterName();
        int port = ClusterRuns.freePort();
        try (MemberProcess stays = MemberProcess.start("127.0.0.1:" + port, port, cluster, 1, 300);
             MemberProcess dies = MemberProcess.start("127.0.0.1:" + port, port + 1, cluster, 1, 300)) {
            stays.ready();
            String victim = dies.ready();
            Path dir = tmp.resolve("run");
            var run = CompletableFuture.supplyAsync(() -> runQuietly(dir, ClusterRuns.config(24,
                    Map.of("join", "127.0.0.1:" + port, "name", cluster, "local_workers", false, "lease", "60s"))));
            awaitEvent(dir, "\"event\":\"dispatched\",\"member\":\"" + victim + "\"");
            Thread.sleep(100);                  // inside its 300 ms evaluation
            dies.close();                       // SIGKILL
            run.get(3, TimeUnit.MINUTES);

            long programs = ClusterRuns.programIds(dir).size();
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'DONE'"))
                    .isEqualTo(programs);
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(DISTINCT candidate) FROM cluster_dispatch"))
                    .isEqualTo(programs);
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'LOST' AND member = '"
                    + victim + "'")).as(ClusterRuns.events(dir)).isPositive();
            assertThat(ClusterRuns.count(dir, "SELECT MAX(attempt) FROM cluster_dispatch WHERE state = 'DONE'"))
                    .isGreaterThan(1);
            assertThat(ClusterRuns.summary(dir).path("candidates_evaluated").asLong()).isEqualTo(24);
            assertThat(ClusterRuns.events(dir)).contains("\"event\":\"member_left\"", "\"event\":\"redispatched\"");
        }
    }

    @Test
    void aFrozenMemberLosesItsCandidateAtTheLeaseAndItsLateResultIsDropped(@TempDir Path tmp) throws Exception {
        String cluster = ClusterRuns.clusterName();
        int port = ClusterRuns.freePort();
        try (MemberProcess stays = MemberProcess.start("127.0.0.1:" + port, port, cluster, 1, 300);
             MemberProcess freezes = MemberProcess.start("127.0.0.1:" + port, port + 1, cluster, 1, 300)) {
            stays.ready();
            String frozen = freezes.ready();
            Path dir = tmp.resolve("run");
            var run = CompletableFuture.supplyAsync(() -> runQuietly(dir, ClusterRuns.config(30,
                    Map.of("join", "127.0.0.1:" + port, "name", cluster, "local_workers", false, "lease", "2s"))));
            awaitEvent(dir, "\"event\":\"dispatched\",\"member\":\"" + frozen + "\"");
            freezes.signal("STOP");
            awaitEvent(dir, "\"event\":\"redispatched\",\"member\":\"" + frozen + "\"");
            freezes.signal("CONT");             // within Hazelcast's 10 s heartbeat limit: it stays a member
            awaitEvent(dir, "\"event\":\"dropped_late\",\"member\":\"" + frozen + "\"");
            run.get(3, TimeUnit.MINUTES);

            long programs = ClusterRuns.programIds(dir).size();
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'DONE'"))
                    .isEqualTo(programs);
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'EXPIRED'"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(ClusterRuns.summary(dir).path("candidates_evaluated").asLong()).isEqualTo(30);
        }
    }

    private static Path runQuietly(Path dir, dev.evolve.engine.record.RunConfig config) {
        try {
            return ClusterRuns.run(dir, config);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitEvent(Path dir, String fragment) throws Exception {
        Path events = dir.resolve("events.jsonl");
        for (int i = 0; i < 1200; i++) {
            if (Files.isRegularFile(events) && Files.readString(events).contains(fragment)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no event with " + fragment + " in " + (Files.isRegularFile(events)
                ? Files.readString(events) : "(no events yet)"));
    }
}
