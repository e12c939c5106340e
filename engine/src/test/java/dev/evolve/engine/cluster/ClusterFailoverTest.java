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
        try (TwoMembers members = TwoMembers.start()) {
            String victim = members.secondAddress();
            Path dir = tmp.resolve("run");
            var run = members.runOnThemOnly(dir, 24, "60s");
            awaitEvent(dir, "\"event\":\"dispatched\",\"member\":\"" + victim + "\"");
            Thread.sleep(100);                  // inside its 300 ms evaluation
            members.second().close();           // SIGKILL
            run.get(3, TimeUnit.MINUTES);

            assertEveryProgramAcceptedOnce(dir, 24);
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(DISTINCT candidate) FROM cluster_dispatch"))
                    .isEqualTo(ClusterRuns.programIds(dir).size());
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'LOST' AND member = '"
                    + victim + "'")).as(ClusterRuns.events(dir)).isPositive();
            assertThat(ClusterRuns.count(dir, "SELECT MAX(attempt) FROM cluster_dispatch WHERE state = 'DONE'"))
                    .isGreaterThan(1);
            assertThat(ClusterRuns.events(dir)).contains("\"event\":\"member_left\"", "\"event\":\"redispatched\"");
        }
    }

    @Test
    void aFrozenMemberLosesItsCandidateAtTheLeaseAndItsLateResultIsDropped(@TempDir Path tmp) throws Exception {
        try (TwoMembers members = TwoMembers.start()) {
            MemberProcess freezes = members.second();
            String frozen = members.secondAddress();
            Path dir = tmp.resolve("run");
            var run = members.runOnThemOnly(dir, 30, "2s");
            awaitEvent(dir, "\"event\":\"dispatched\",\"member\":\"" + frozen + "\"");
            freezes.signal("STOP");
            awaitEvent(dir, "\"event\":\"redispatched\",\"member\":\"" + frozen + "\"");
            freezes.signal("CONT");             // within Hazelcast's 10 s heartbeat limit: it stays a member
            awaitEvent(dir, "\"event\":\"dropped_late\",\"member\":\"" + frozen + "\"");
            run.get(3, TimeUnit.MINUTES);

            assertEveryProgramAcceptedOnce(dir, 30);
            assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'EXPIRED'"))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    /**
     * Two members of a fresh cluster, each in a JVM of its own with one slot and 300 ms an evaluation; the test
     * disturbs the second, at {@code secondAddress}.
     */
    private record TwoMembers(String cluster, int port, MemberProcess first, MemberProcess second,
                              String secondAddress) implements AutoCloseable {

        static TwoMembers start() throws Exception {
            String cluster = ClusterRuns.clusterName();
            int port = ClusterRuns.freePort();
            MemberProcess first = MemberProcess.start("127.0.0.1:" + port, port, cluster, 1, 300);
            try {
                MemberProcess second = MemberProcess.start("127.0.0.1:" + port, port + 1, cluster, 1, 300);
                try {
                    first.ready();
                    return new TwoMembers(cluster, port, first, second, second.ready());
                } catch (Exception | AssertionError e) {
                    second.close();
                    throw e;
                }
            } catch (Exception | AssertionError e) {
                first.close();
                throw e;
            }
        }

        /** A run of {@code iterations} children, in the background, evaluated by these members only. */
        CompletableFuture<Path> runOnThemOnly(Path dir, int iterations, String lease) {
            var config = ClusterRuns.config(iterations, Map.of("join", "127.0.0.1:" + port, "name", cluster,
                    "local_workers", false, "lease", lease));
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return ClusterRuns.run(dir, config);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public void close() {
            try (first; second) {
                // closes the second, then the first, even when one of them fails
            }
        }
    }

    /** The run evaluated all its children, and each program it filed had exactly one result accepted. */
    private static void assertEveryProgramAcceptedOnce(Path dir, int iterations) throws Exception {
        assertThat(ClusterRuns.count(dir, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'DONE'"))
                .isEqualTo(ClusterRuns.programIds(dir).size());
        assertThat(ClusterRuns.summary(dir).path("candidates_evaluated").asLong()).isEqualTo(iterations);
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
