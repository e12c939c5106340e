package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL at an arbitrary moment resumes without losing or repeating anything. */
class KilledRunResumeTest {

    @TempDir
    Path dir;

    @Test
    void sigkillThenResume() throws Exception {
        Path run = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillableRunMain.class.getName(),
                run.toString(), "60", "11"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        Path events = run.resolve("events.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(events) && Files.readAllLines(events).stream().filter(l -> l.contains("\"evaluated\"")).count() >= 12) {
                break;
            }
            Thread.sleep(20);
        }
        p.destroyForcibly();                       // SIGKILL, mid-batch
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        var config = ConfigFiles.read(run.resolve("config.yaml"));
        List<String> before = new ArrayList<>();
        int filed;
        try (var db = IslandDatabase.open(run.resolve("programs.db"), config.database().toDatabaseConfig())) {
            filed = db.size();
            assertThat(filed).isGreaterThan(1).isLessThan(61);
            before.add(SourceHash.of(Targets.require("matmul").seedSource()));
        }
        var target = Targets.withTimingSize(Targets.require("matmul"), 64);
        var evaluator = new FakeParts.Evaluator(target, 0);
        RunSummary s = FakeParts.run(run, config, evaluator, false);
        assertThat(s.candidatesEvaluated()).isEqualTo(60);
        assertThat(evaluator.seen).hasSize(60 - (filed - 1));         // only what was not filed before the kill
        try (var db = IslandDatabase.open(run.resolve("programs.db"), config.database().toDatabaseConfig())) {
            assertThat(db.size()).isEqualTo(61);                     // the seed once, 60 children
        }
        assertThat(evaluator.seen).doesNotContain(target.seedSource());
    }
}
