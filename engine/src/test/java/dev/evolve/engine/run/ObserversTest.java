package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.EventLog;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunEventCodec;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObserversTest {

    @TempDir
    Path dir;

    @Test
    void theStandardObserversLogShowAndWriteWhatTheLoopReports() throws Exception {
        RunFolder folder = RunFolder.create(dir.resolve("run"), "r", "matmul", Instant.EPOCH);
        var shown = new ByteArrayOutputStream();
        var display = new RunDisplay.LogLines(new PrintStream(shown, true, StandardCharsets.UTF_8),
                InstantSource.system(), Duration.ofHours(1));
        try (var events = new EventLog(folder.events(), InstantSource.system())) {
            RunObserver all = Observers.standard(folder, "Matmul.java", events, display);
            all.event(new RunEvent.NewBest("abc", 7, null, null, 2.5, 1.25, "ast:x"));
            all.event(new RunEvent.RetimeSeed(1000, 0.01));
            all.message("JMH confirms the best");
            String source = LoopFixture.child(1);
            all.best(ProgramRecord.of(null, source, 0, 0, "seed",
                    new dev.evolve.eval.EvaluationOutcome.Rejected("x"), Map.of(), Instant.EPOCH));
            all.summary(RunSummary.builder("matmul", 1, "r").status("running").build());
            assertThat(Files.readString(folder.dir().resolve("best.java"))).isEqualTo(source);
        }
        assertThat(Files.readAllLines(folder.events())).hasSize(2)
                .allSatisfy(line -> assertThat(RunEventCodec.read(line)).isPresent());
        assertThat(Files.readString(folder.summary())).contains("\"status\" : \"running\"");
        assertThat(shown.toString(StandardCharsets.UTF_8))
                .contains("new best: 2.50x the seed, 1.25 GFLOP/s (iteration 7, ast:x)")
                .contains("JMH confirms the best")
                .doesNotContain("retime");                                 // not every event is a line of its own
    }

    @Test
    void theEventsAPersonWatchingWantsAreLinesOfTheirOwn() {
        assertThat(Observers.lineOf(new RunEvent.NewBest("a", 3, "cost", 1.5, null, null, "llm:m")))
                .startsWith("new best: cost = ").endsWith("(iteration 3, llm:m)");
        assertThat(Observers.lineOf(new RunEvent.EvaluatorError("java.io.IOException: gone", 1)))
                .isEqualTo("the evaluator failed (java.io.IOException: gone); the child is not filed");
        assertThat(Observers.lineOf(new RunEvent.RetimeChampion("a", 2, null, null, "incorrect", "d")))
                .isEqualTo("the champion failed when timed again (incorrect); it is demoted");
        assertThat(Observers.lineOf(new RunEvent.RetimeChampion("a", 2, 1.9, 1.0, null, null))).isNull();
        assertThat(Observers.lineOf(new RunEvent.SearchExhausted(200)))
                .isEqualTo("stopping: the last 200 episodes proposed nothing new");
        assertThat(Observers.lineOf(new RunEvent.LlmBudgetSpent(0.5))).contains("model budget is spent ($0.5000)");
        assertThat(Observers.lineOf(new RunEvent.Evaluated(1, "a", "p", 0, "o", "measured", 1, 1, "", null))).isNull();
    }
}
