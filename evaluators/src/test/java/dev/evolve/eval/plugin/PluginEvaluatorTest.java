package dev.evolve.eval.plugin;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.worker.LocalWorkerPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static dev.evolve.eval.testing.Outcomes.crashed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plug-in compiled and packed into a jar by the test, loaded through {@link java.util.ServiceLoader}
 * in a real worker JVM. The program's one line inside the block tells the plug-in what to do, hostile
 * things included.
 */
class PluginEvaluatorTest {

    static final String SEED = "# points\n# EVOLVE-BLOCK-START\n1.5\n# EVOLVE-BLOCK-END\n";
    static final String PLUGIN = """
            package testplugin;

            import dev.evolve.eval.plugin.Candidate;
            import dev.evolve.eval.plugin.InvalidCandidateException;
            import dev.evolve.eval.plugin.ProgramEvaluator;
            import dev.evolve.eval.plugin.Score;
            import java.nio.file.Files;

            public final class ProbeEvaluator implements ProgramEvaluator {
                @Override
                public Score evaluate(Candidate c) throws Exception {
                    String line = c.source().lines().filter(l -> !l.startsWith("#")).findFirst().orElse("").strip();
                    switch (line) {
                        case "exit" -> System.exit(3);
                        case "loop" -> { while (true) { Thread.onSpinWait(); } }
                        case "throw" -> throw new IllegalArgumentException("the plug-in choked");
                        case "invalid" -> throw new InvalidCandidateException("point 3 lies outside the square");
                        case "env" -> {
                            return Score.of("vars", System.getenv().size())
                                    .withArtifact("keys", String.join(",", System.getenv().keySet()));
                        }
                        case "file" -> {
                            boolean same = Files.readString(c.file()).equals(c.source())
                                    && c.file().getParent().equals(c.directory())
                                    && c.file().getFileName().toString().equals("program.txt");
                            return Score.of("same", same ? 1 : 0).withArtifact("dir", c.directory().toString())
                                    .withArtifact("language", c.language());
                        }
                        default -> {
                            return Score.of("value", Double.parseDouble(line)).withMetric("length", line.length())
                                    .withArtifact("hint", "more is better");
                        }
                    }
                    return null;
                }
            }
            """;

    @TempDir
    static Path dir;
    static Path jar;
    static PluginEvaluator evaluator;

    @BeforeAll
    static void buildAndStart() {
        jar = PluginJars.build(dir, "testplugin.ProbeEvaluator", PLUGIN, "testplugin.ProbeEvaluator");
        evaluator = PluginEvaluator.start(new ScoredProgram("text", "program.txt", SEED, true),
                new PluginSpec(jar, "testplugin.ProbeEvaluator", Duration.ofSeconds(3), 2, 128, 50));
    }

    @AfterAll
    static void stop() {
        if (evaluator != null) {
            evaluator.close();
        }
    }

    static String program(String line) {
        return SEED.replace("1.5\n", line + "\n");
    }

    @Test
    void thePlugInScoresInAWorkerWithItsMetricsAndArtifacts() throws Exception {
        var outcome = (EvaluationOutcome.Scored) evaluator.evaluate(program("2.25"));
        assertThat(outcome.primary()).isEqualTo("value");
        assertThat(outcome.value()).isEqualTo(2.25);
        assertThat(outcome.metrics()).containsEntry("length", 4.0);
        assertThat(outcome.artifacts()).containsEntry("hint", "more is better");
        assertThat(outcome.fitness()).isGreaterThan(((EvaluationOutcome.Scored) evaluator.evaluate(SEED)).fitness());
    }

    @Test
    void theProgramIsWrittenUnderItsFileNameInAPrivateDirectoryDeletedAfterwards() throws Exception {
        var outcome = (EvaluationOutcome.Scored) evaluator.evaluate(program("file"));
        assertThat(outcome.value()).isEqualTo(1.0);
        assertThat(outcome.artifacts()).containsEntry("language", "text");
        assertThat(Files.exists(Path.of(outcome.artifacts().get("dir")))).isFalse();
    }

    @Test
    void thePlugInSeesAnEmptyEnvironment() throws Exception {
        var outcome = (EvaluationOutcome.Scored) evaluator.evaluate(program("env"));
        assertThat(outcome.artifacts().get("keys")).isEqualTo("LANG");
    }

    @Test
    void anInvalidProgramIsRejectedWithThePlugInsReason() throws Exception {
        assertThat(evaluator.evaluate(program("invalid"))).isEqualTo(new EvaluationOutcome.Rejected(
                "the evaluator found the program invalid: point 3 lies outside the square"));
    }

    @Test
    void hostilePlugInsCostOneOutcomeEachAndTheEngineCarriesOn() throws Exception {
        var exited = evaluator.evaluate(program("exit"));
        crashed(exited, Crashed.Kind.EXIT);
        assertThat(exited.detail()).contains("exit code 3");

        var looped = evaluator.evaluate(program("loop"));
        assertThat(looped).isEqualTo(new EvaluationOutcome.TimedOut("evaluation", Duration.ofSeconds(3)));

        var threw = evaluator.evaluate(program("throw"));
        crashed(threw, Crashed.Kind.EXCEPTION);
        assertThat(threw.detail()).contains("the plug-in choked");
        assertThat(((Crashed) threw).stackTrace()).contains("ProbeEvaluator.evaluate");

        var garbage = evaluator.evaluate(program("not a number"));
        assertThat(garbage).isInstanceOf(Crashed.class);
        assertThat(garbage.detail()).contains("NumberFormatException");

        assertThat(evaluator.evaluate(program("4"))).isInstanceOf(EvaluationOutcome.Scored.class);
    }

    @Test
    void textOutsideTheBlockIsRejectedBeforeThePlugInSeesIt() throws Exception {
        var outcome = evaluator.evaluate(program("3").replace("# points", "# mine"));
        assertThat(outcome).isInstanceOf(EvaluationOutcome.Rejected.class);
        assertThat(outcome.detail()).contains("differs from the seed");
    }

    @Test
    void aJarThatDoesNotListThePlugInIsRefusedBeforeAnyWorkerStarts(@TempDir Path other) throws Exception {
        Path wrong = PluginJars.build(other, "testplugin.ProbeEvaluator", PLUGIN, "testplugin.Other");
        assertThatThrownBy(() -> PluginEvaluator.check(wrong, "testplugin.ProbeEvaluator"))
                .hasMessageContaining("does not list testplugin.ProbeEvaluator (it lists testplugin.Other)");
        assertThatThrownBy(() -> PluginEvaluator.check(other.resolve("none.jar"), "x.Y"))
                .hasMessageContaining("no such file");
        Path notAJar = Files.writeString(other.resolve("fake.jar"), "hello");
        assertThatThrownBy(() -> PluginEvaluator.check(notAJar, "x.Y")).hasMessageContaining("is not a jar");
    }

    @Test
    void aPlugInTheWorkerCannotFindIsTheEnvironmentsFault() throws Exception {
        // the jar's service file lists ProbeEvaluator only; a worker asked for another class says so
        var pool = LocalWorkerPool.start(PluginEvaluator.launch(jar, 128, 1), 1, 10);
        try (var missing = PluginEvaluator.using(new ScoredProgram("text", "program.txt", SEED, true),
                new PluginSpec(jar, "testplugin.Missing", Duration.ofSeconds(3), 1, 128, 50), pool)) {
            assertThatThrownBy(() -> missing.evaluate(SEED)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no evaluator plug-in testplugin.Missing");
        }
    }
}
