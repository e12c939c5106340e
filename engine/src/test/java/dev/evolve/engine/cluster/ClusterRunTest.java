package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real members in JVMs of their own on 127.0.0.1 (a random cluster name and port), shared by the tests
 * of this class, judging with the {@link HashEvaluator} at the worker seam.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterRunTest {

    static final String SETTINGS = "{\"workers\":1,\"worker_heap_mb\":256,\"timing_size\":64,"
            + "\"retime_interval\":40,\"jmh\":false,\"sandbox\":\"auto\"}";
    static String cluster;
    static int port;
    static MemberProcess first;
    static MemberProcess second;

    @BeforeAll
    static void startMembers() throws Exception {
        cluster = ClusterRuns.clusterName();
        port = ClusterRuns.freePort();
        first = MemberProcess.start("127.0.0.1:" + port, port, cluster, 2, 5);
        first.ready();
        second = MemberProcess.start("127.0.0.1:" + port, port + 1, cluster, 2, 5);
        second.ready();
    }

    @AfterAll
    static void stopMembers() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void aRunOnTwoMembersFilesEachCandidateOnceAndAgreesWithALocalRun(@TempDir Path tmp) throws Exception {
        Path local = ClusterRuns.run(tmp.resolve("local"), ClusterRuns.config(40, Map.of()));
        Path remote = ClusterRuns.run(tmp.resolve("cluster"), ClusterRuns.config(40,
                Map.of("join", "127.0.0.1:" + port, "name", cluster, "local_workers", false)));

        assertThat(ClusterRuns.programIds(remote)).as("the cluster run's events of errors and re-dispatches: %s",
                ClusterRuns.events(remote).lines().filter(l -> l.contains("error") || l.contains("redispatched"))
                        .toList()).isEqualTo(ClusterRuns.programIds(local));
        assertThat(ClusterRuns.summary(remote).path("best_id").asText())
                .isEqualTo(ClusterRuns.summary(local).path("best_id").asText());
        assertThat(ClusterRuns.summary(remote).path("candidates_evaluated").asLong()).isEqualTo(40);
        // every program filed was accepted once, from a member, and nothing else was accepted
        long programs = ClusterRuns.programIds(remote).size();
        assertThat(ClusterRuns.count(remote, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'DONE'"))
                .isEqualTo(programs);
        assertThat(ClusterRuns.count(remote, "SELECT COUNT(DISTINCT candidate) FROM cluster_dispatch"))
                .isEqualTo(programs);
        assertThat(ClusterRuns.count(remote, "SELECT COUNT(*) FROM cluster_dispatch WHERE member = 'local'"))
                .isZero();
        assertThat(ClusterRuns.strings(remote, "SELECT DISTINCT member FROM cluster_dispatch")).hasSize(2);
        var summary = ClusterRuns.summary(remote).path("cluster");
        assertThat(summary.path("members").size()).isEqualTo(2);
        assertThat(summary.path("best_timed_by").asText()).startsWith("127.0.0.1:");
        assertThat(ClusterRuns.events(remote)).contains("\"event\":\"member_joined\"", "\"event\":\"dispatched\"");
    }

    @Test
    void localWorkersTakeTheirShareBesideTheMembers(@TempDir Path tmp) throws Exception {
        Path run = ClusterRuns.run(tmp.resolve("mixed"), ClusterRuns.config(30,
                Map.of("join", "127.0.0.1:" + port, "name", cluster)));
        long programs = ClusterRuns.programIds(run).size();
        assertThat(ClusterRuns.count(run, "SELECT COUNT(*) FROM cluster_dispatch WHERE state = 'DONE'"))
                .isEqualTo(programs);
        assertThat(ClusterRuns.strings(run, "SELECT DISTINCT member FROM cluster_dispatch")).contains("local");
    }

    @Test
    void oneProgramAskedForTwiceAtOnceIsSentOnce(@TempDir Path tmp) throws Exception {
        var config = ClusterRuns.config(1, Map.of("join", "127.0.0.1:" + port, "name", cluster,
                "local_workers", false));
        try (ClusterLink link = ClusterLink.open(config, tmp.resolve("programs.db"), null,
                java.time.InstantSource.system())) {
            var evaluator = link.evaluator(e -> { });
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            var outcomes = new java.util.ArrayList<java.util.concurrent.Future<dev.evolve.eval.EvaluationOutcome>>();
            for (int i = 0; i < 4; i++) {      // the same program, spelled with different comments
                String source = "class Twice { /* copy " + i + " */ int x = 1; }";
                outcomes.add(pool.submit(() -> evaluator.evaluate(source)));
            }
            var first = outcomes.getFirst().get(60, TimeUnit.SECONDS);
            for (var f : outcomes) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(first);
            }
            pool.shutdown();
        }
        try (DispatchLedger ledger = DispatchLedger.open(tmp.resolve("programs.db"))) {
            assertThat(ledger.countsByMember().values().stream().mapToLong(m -> m.values().stream()
                    .mapToLong(Long::longValue).sum()).sum()).isEqualTo(1);
        }
    }

    @Test
    void statusListsTheMembers() {
        var lines = ClusterStatus.members(cluster, ClusterAddress.parse("127.0.0.1:" + port), "127.0.0.1");
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("worker version " + EngineVersion.current(),
                "2 slots", "cores"));
    }

    @Test
    void aMemberOfAnotherVersionIsRefusedOnBothSides() throws Exception {
        try (MemberProcess old = MemberProcess.start("127.0.0.1:" + port, port + 10, cluster, 1, 0,
                "-D" + EngineVersion.OVERRIDE + "=0.0.1-old")) {
            String error = old.await("error ", 60);
            assertThat(error).contains("refused", "0.0.1-old", EngineVersion.current());
            assertThat(old.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(old.process.exitValue()).isEqualTo(3);
        }
        assertThat(first.await("log refused member", 30)).contains("0.0.1-old");
    }

    @Test
    void corruptPayloadsAreErrorsAndTheMemberCarriesOn() throws Exception {
        var join = ClusterAddress.parse("127.0.0.1:" + port);
        HazelcastInstance hz = Membership.join(MemberConfigs.member(cluster, join, "127.0.0.1",
                ClusterLink.freePort("127.0.0.1"), 0), join, line -> { });
        try {
            var member = hz.getCluster().getMembers().stream().filter(Membership::isWorker).findFirst().orElseThrow();
            var executor = hz.getExecutorService(MemberConfigs.EXECUTOR);
            // Java serialization is refused: a Serializable task never runs there (the member logs the refusal;
            // the sender hears nothing back, and a coordinator's lease would send the candidate elsewhere)
            refused(executor.submitToMember(new JavaTask(), member));
            // a task naming a target the member does not have: an error reply, not a crash
            Reply settings = Reply.fromJson(executor.submitToMember(new EvaluateTask("c0ffee", 1,
                    new TaskSpec("matmul", "{}", null), "x"), member).get(30, TimeUnit.SECONDS));
            assertThat(settings.error()).contains("invalid config value 'workers'");
            var spec = new TaskSpec("no-such-target", SETTINGS, null);
            Reply bad = Reply.fromJson(executor.submitToMember(new EvaluateTask("c0ffee", 1, spec, "x"), member)
                    .get(30, TimeUnit.SECONDS));
            assertThat(bad.error()).contains("no-such-target");
            // a task of an unknown wire layout: refused while reading
            refused(executor.submitToMember(new WrongLayoutTask(), member));
            // still a member, still evaluating
            var good = new TaskSpec("matmul", SETTINGS, null);
            Reply ok = Reply.fromJson(executor.submitToMember(new EvaluateTask("c0ffee", 2, good, "class X {}"), member)
                    .get(30, TimeUnit.SECONDS));
            assertThat(ok.outcome()).isNotNull();
            String logs = Files.readString(Path.of("target", "cluster-members", cluster + "-" + port + ".log"))
                    + Files.readString(Path.of("target", "cluster-members", cluster + "-" + (port + 1) + ".log"));
            assertThat(logs).contains("Resolving class " + JavaTask.class.getName() + " is not allowed",
                    "an evaluation task of layout 99");
            assertThat(first.process.isAlive()).isTrue();
            assertThat(second.process.isAlive()).isTrue();
        } finally {
            hz.shutdown();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void joiningWhereNobodyListensFailsWithAClearMessage() throws Exception {
        int nobody = ClusterRuns.freePort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> ClusterStatus.members(cluster, ClusterAddress.parse("127.0.0.1:" + nobody),
                "127.0.0.1")).isInstanceOf(ClusterException.class)
                .hasMessageContaining("no cluster member answered at 127.0.0.1:" + nobody)
                .hasMessageContaining(cluster);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(90));
    }

    private static void refused(java.util.concurrent.Future<String> future) throws InterruptedException {
        try {
            assertThat(future.get(5, TimeUnit.SECONDS)).as("a refused task ran").isNull();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException expected) {
            future.cancel(true);
        }
    }

    /** A task in Java serialization: members must refuse to read it. */
    static final class JavaTask implements Callable<String>, Serializable {
        @Override
        public String call() {
            return "ran";
        }
    }

    /** An engine task written in a layout no member reads. */
    static final class WrongLayoutTask implements Callable<String>, com.hazelcast.nio.serialization.IdentifiedDataSerializable {
        @Override
        public String call() {
            return "ran";
        }

        @Override
        public void writeData(com.hazelcast.nio.ObjectDataOutput out) throws java.io.IOException {
            out.writeInt(99);
            out.writeString("garbage");
        }

        @Override
        public void readData(com.hazelcast.nio.ObjectDataInput in) {
        }

        @Override
        public int getFactoryId() {
            return WireFactory.ID;
        }

        @Override
        public int getClassId() {
            return WireFactory.EVALUATE_TASK;
        }
    }
}
