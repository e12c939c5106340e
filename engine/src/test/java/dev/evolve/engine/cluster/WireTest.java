package dev.evolve.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.kernels.Mismatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What crosses the wire and what the coordinator keeps, without a cluster. */
class WireTest {

    @Test
    void everyOutcomeTravelsAndComesBackEqual() {
        Timing t = Timing.of(64, List.of(900L, 1000L, 1100L));
        List<EvaluationOutcome> all = List.of(
                new EvaluationOutcome.Measured(t, t, 2.5, 1.0, new EvaluationOutcome.Jmh(1.0, 0.1, List.of(1.0, 1.1))),
                new EvaluationOutcome.Measured(t, Timing.of(64, List.of(2000L)), 2.5, 2.0, null),
                new EvaluationOutcome.Scored("energy", 3.5, false, Map.of("distance", 1.5), Map.of("hint", "lower x")),
                new EvaluationOutcome.Rejected("uses java.io"),
                new EvaluationOutcome.CompileFailed(List.of(new CompileDiagnostic(3, 4, "cannot find symbol"))),
                new EvaluationOutcome.Incorrect(new Mismatch(17, 3, 1.0, 2.0, "C[0][3]"), "check"),
                new EvaluationOutcome.TimedOut("timing", Duration.ofMillis(2500)),
                new EvaluationOutcome.Crashed(EvaluationOutcome.Crashed.Kind.OUT_OF_MEMORY, "heap", "at X", "out"));
        for (EvaluationOutcome outcome : all) {
            assertThat(Reply.fromJson(Reply.of(outcome).toJson()).outcome()).isEqualTo(outcome);
        }
        assertThat(Reply.fromJson(Reply.error("no workers").toJson()).error()).isEqualTo("no workers");
    }

    @Test
    void repliesThatDoNotFitAreErrorsNotObjects() {
        assertThatThrownBy(() -> Reply.fromJson("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reply.fromJson("{\"outcome\":{\"type\":\"java.lang.Runtime\",\"value\":{}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type");
        // a measured outcome that breaks its own rules (negative speedup) is refused by its constructor
        assertThatThrownBy(() -> Reply.fromJson("{\"outcome\":{\"type\":\"measured\",\"value\":{\"timing\":"
                + "{\"size\":1,\"samplesNs\":[5],\"medianNs\":5,\"relativeSpread\":0},\"seedTiming\":"
                + "{\"size\":1,\"samplesNs\":[5],\"medianNs\":5,\"relativeSpread\":0},\"gflops\":1,\"speedupVsSeed\":-1}}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBundleIsHashedByContentAndCannotLeaveItsFolder(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("saxpy"));
        Files.writeString(dir.resolve("target.yaml"), "name: saxpy\n");
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Seed.java"), "class Seed {}");
        TargetBundle bundle = TargetBundle.of(dir);
        assertThat(bundle.files()).containsOnlyKeys("target.yaml", "src/Seed.java");
        Path unpacked = bundle.unpackInto(tmp.resolve("cache"));
        assertThat(Files.readString(unpacked.resolve("src/Seed.java"))).isEqualTo("class Seed {}");
        assertThat(bundle.unpackInto(tmp.resolve("cache"))).isEqualTo(unpacked);
        Files.writeString(dir.resolve("src/Seed.java"), "class Seed { }");
        assertThat(TargetBundle.of(dir).hash()).isNotEqualTo(bundle.hash());
        byte[] x = "x".getBytes(StandardCharsets.UTF_8);
        for (String bad : List.of("../evil", "/etc/passwd", "a/../../b", "a//b", "./a")) {
            assertThatThrownBy(() -> new TargetBundle("t", Map.of(bad, x))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new TargetBundle("..", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheCurrentAttemptIsAcceptedAndOnlyOnce(@TempDir Path tmp) {
        try (DispatchLedger ledger = DispatchLedger.open(tmp.resolve("programs.db"))) {
            assertThat(ledger.dispatch("c1", "m1", 0, 100, "class c1 {}")).isEqualTo(1);
            ledger.end("c1", 1, DispatchLedger.State.EXPIRED, 100);
            assertThat(ledger.dispatch("c1", "m2", 100, 200, "class c1 {}")).isEqualTo(2);
            assertThat(ledger.accept("c1", 1, 150, "{}")).as("late result of attempt 1").isFalse();
            assertThat(ledger.accept("c1", 2, 160, "{}")).isTrue();
            assertThat(ledger.accept("c1", 2, 170, "{}")).as("the same result twice").isFalse();
            assertThat(ledger.doneBy("c1")).isEqualTo("m2");
            assertThat(ledger.dispatch("c2", "m1", 200, 300, "class c2 {}")).isEqualTo(1);
        }
        try (DispatchLedger reopened = DispatchLedger.open(tmp.resolve("programs.db"))) {
            // a restarted coordinator: what was out is abandoned, and goes out again as the next attempt
            assertThat(reopened.abandonInFlight(400).unfiled())
                    .containsExactly(new DispatchLedger.Leftover("c1", 2, null, "{}"),
                            new DispatchLedger.Leftover("c2", 1, "class c2 {}", null));   // no programs filed here
            assertThat(reopened.accept("c2", 1, 410, "{}")).isFalse();
            assertThat(reopened.dispatch("c2", "m2", 420, 500, "class c2 {}")).isEqualTo(2);
            assertThat(reopened.countsByMember()).containsEntry("m1", Map.of("abandoned", 1L, "expired", 1L))
                    .containsEntry("m2", Map.of("done", 1L, "dispatched", 1L));
        }
    }

    @Test
    void theClusterSectionComesFromFlagsOrAFileAndTravelsWithoutModelSettings(@TempDir Path tmp) throws Exception {
        RunConfig none = ConfigFiles.effective("matmul", null, Map.of());
        assertThat(none.cluster()).isNull();
        RunConfig flags = ConfigFiles.effective("matmul", null, Map.of("cluster.join", "10.0.0.5:5701",
                "cluster.local_workers", false));
        assertThat(flags.cluster().join()).isEqualTo("10.0.0.5:5701");
        assertThat(flags.cluster().name()).isEqualTo("evolve");
        assertThat(flags.cluster().localWorkers()).isFalse();
        Path file = tmp.resolve("run.yaml");
        Files.writeString(file, "cluster:\n  join: host-a:5801\n  name: lab\n  lease: 90s\n");
        RunConfig fromFile = ConfigFiles.effective("matmul", file, Map.of());
        assertThat(fromFile.cluster().leaseDuration()).isEqualTo(Duration.ofSeconds(90));
        Path written = tmp.resolve("config.yaml");
        ConfigFiles.write(fromFile, written);
        assertThat(ConfigFiles.read(written).cluster()).isEqualTo(fromFile.cluster());
        assertThatThrownBy(() -> ConfigFiles.effective("matmul", null, Map.of("cluster.join", "no-port")))
                .isInstanceOf(RunConfig.InvalidConfigException.class).hasMessageContaining("cluster.join");
        TaskSpec spec = TaskSpec.of(fromFile);
        assertThat(spec.bundle()).isNull();
        assertThat(spec.evaluationJson()).doesNotContain("model", "api", "key");
        assertThat(spec.evaluation()).isEqualTo(fromFile.evaluation());
    }
}
