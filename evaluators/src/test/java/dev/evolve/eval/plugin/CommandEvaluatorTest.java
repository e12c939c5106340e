package dev.evolve.eval.plugin;

import static dev.evolve.eval.testing.Outcomes.crashed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external-command evaluator against real processes. The candidate is a shell script (the
 * evaluator command runs it with {@code sh}), so each test states the verdict in the program itself.
 */
class CommandEvaluatorTest {

    static final String SEED = "# a candidate\n# EVOLVE-BLOCK-START\necho '{\"score\": 1}'\n# EVOLVE-BLOCK-END\n";

    @TempDir
    Path folder;
    @TempDir
    Path temp;

    @BeforeAll
    static void needsAShell() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "skipped: no /bin/sh on this machine");
    }

    static String program(String body) {
        return SEED.replace("echo '{\"score\": 1}'\n", body + "\n");
    }

    CommandEvaluator evaluator(Duration timeout, boolean maximize, List<String> files) {
        return new CommandEvaluator(new ScoredProgram("sh", "candidate.sh", SEED, maximize),
                new CommandSpec(List.of("sh", "{file}"), timeout, folder, files), temp);
    }

    EvaluationOutcome evaluate(String body) throws InterruptedException {
        return evaluator(Duration.ofSeconds(10), true, List.of()).evaluate(program(body));
    }

    @Test
    void aJsonScoreWithMetricsAndArtifactsIsScored() throws Exception {
        var outcome = evaluate("echo working; echo 'a warning' >&2\n"
                + "echo '{\"score\": -2.5, \"metrics\": {\"bins\": 40}, \"artifacts\": {\"hint\": \"tighter\"}}'");
        assertThat(outcome).isInstanceOf(EvaluationOutcome.Scored.class);
        var s = (EvaluationOutcome.Scored) outcome;
        assertThat(s.primary()).isEqualTo("score");
        assertThat(s.value()).isEqualTo(-2.5);
        assertThat(s.metrics()).containsEntry("score", -2.5).containsEntry("bins", 40.0);
        assertThat(s.artifacts()).containsEntry("hint", "tighter").containsEntry("stderr", "a warning");
        assertThat(s.status()).isEqualTo("measured");
        assertThat(s.detail()).contains("score = -2.5").contains("bins = 40").contains("hint:\ntighter");
    }

    @Test
    void theCandidateIsWrittenUnderItsFileNameInAPrivateDirectoryThatIsDeletedAfterwards() throws Exception {
        var outcome = evaluate("printf '{\"score\": %d}\\n' $(ls \"$(dirname \"$0\")\" | wc -l); "
                + "test \"$(basename \"$0\")\" = candidate.sh || exit 7; test \"$(pwd)\" = \"$HOME\" || exit 8");
        assertThat(outcome).isInstanceOf(EvaluationOutcome.Scored.class);
        assertThat(((EvaluationOutcome.Scored) outcome).value()).isEqualTo(1.0);
        try (var left = Files.list(temp)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void theEnvironmentIsClearedButForLocalePathAndThePrivateDirectory() throws Exception {
        var outcome = evaluate("printf '{\"score\": %d, \"artifacts\": {\"env\": \"%s\"}}\\n' $(env | wc -l) "
                + "\"$(env | cut -d= -f1 | sort | tr '\\n' ' ')\"");
        var s = (EvaluationOutcome.Scored) outcome;
        assertThat(s.artifacts().get("env").split(" ")).containsOnly("HOME", "LANG", "PATH", "PWD", "TMPDIR");   // PWD: set by sh itself
    }

    @Test
    void filesOfTheTargetFolderAreCopiedBesideTheCandidate() throws Exception {
        Files.createDirectories(folder.resolve("data"));
        Files.writeString(folder.resolve("data/answer.txt"), "42\n");
        var outcome = evaluator(Duration.ofSeconds(10), true, List.of("data"))
                .evaluate(program("printf '{\"score\": %s}\\n' $(cat data/answer.txt)"));
        assertThat(((EvaluationOutcome.Scored) outcome).value()).isEqualTo(42.0);
    }

    @Test
    void anErrorVerdictRejectsTheProgramWithItsReason() throws Exception {
        var outcome = evaluate("echo '{\"error\": \"tour visits city 4 twice\"}'; exit 1");
        assertThat(outcome).isEqualTo(new EvaluationOutcome.Rejected(
                "the evaluator found the program invalid: tour visits city 4 twice"));
    }

    @Test
    void garbageOnStandardOutputIsACrashThatSaysWhatWasExpected() throws Exception {
        var outcome = evaluate("echo 'score: 12'; echo 'Traceback: oops' >&2");
        var c = crashed(outcome, Crashed.Kind.EXCEPTION);
        assertThat(c.message()).contains("no JSON object").contains("Traceback: oops");
        assertThat(c.output()).contains("score: 12");
        assertThat(((Crashed) evaluate("echo '{\"score\": NaN}'")).message()).contains("must be a finite number, was NaN");
    }

    @Test
    void aNonZeroExitIsACrashWithTheTailOfTheErrorOutput() throws Exception {
        var outcome = evaluate("i=0; while [ $i -lt 3000 ]; do echo \"noise line $i\" >&2; i=$((i+1)); done; "
                + "echo 'SyntaxError: the last words' >&2; exit 3");
        Crashed c = (Crashed) outcome;
        assertThat(c.kind()).isEqualTo(Crashed.Kind.EXIT);
        assertThat(c.message()).startsWith("the evaluator command exited with code 3")
                .endsWith("SyntaxError: the last words").hasSizeLessThan(CommandEvaluator.MESSAGE_TAIL + 200);
        assertThat(((Crashed) evaluate("echo '{\"score\": 3}'; exit 2")).message()).contains("code 2 after printing a score");
    }

    @Test
    void aCommandPastItsDeadlineIsKilledWithTheProcessesItStarted() throws Exception {
        // no OS sandbox, so that the command can tell the test its child's pid through a file outside
        Path pidFile = temp.resolveSibling(temp.getFileName() + ".pid");
        long start = System.nanoTime();
        var outcome = new CommandEvaluator(new ScoredProgram("sh", "candidate.sh", SEED, true),
                new CommandSpec(List.of("sh", "{file}"), Duration.ofSeconds(1), folder, List.of()), temp,
                dev.evolve.eval.sandbox.Sandbox.none())
                .evaluate(program("sleep 60 & echo $! > '" + pidFile + "'; wait"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(outcome).isEqualTo(new EvaluationOutcome.TimedOut("evaluation", Duration.ofSeconds(1)));
        assertThat(elapsedMs).as("returned long before the 60 s sleep would end").isLessThan(20_000);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(pid);
        for (int i = 0; i < 100 && child.map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(20);
        }
        assertThat(child.map(ProcessHandle::isAlive).orElse(false)).as("the sleeping child was killed").isFalse();
        Files.deleteIfExists(pidFile);
    }

    @Test
    void aProgramThatChangesTextOutsideTheBlockIsRejectedBeforeAnythingRuns() throws Exception {
        var outcome = evaluator(Duration.ofSeconds(10), true, List.of())
                .evaluate(program("echo '{\"score\": 5}'").replace("# a candidate", "rm -rf /tmp/x"));
        assertThat(outcome).isInstanceOf(EvaluationOutcome.Rejected.class);
        assertThat(outcome.detail()).contains("line 1").contains("differs from the seed");
    }

    @Test
    void aCommandThatCannotStartIsTheEnvironmentsFaultNotTheProgramsOne() {
        var evaluator = new CommandEvaluator(new ScoredProgram("sh", "candidate.sh", SEED, true),
                new CommandSpec(List.of("no-such-evaluator-command"), Duration.ofSeconds(5), folder, List.of()), temp);
        assertThatThrownBy(() -> evaluator.evaluate(SEED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot start the evaluator command [no-such-evaluator-command]");
    }

    @Test
    void theGoalDecidesTheOrderOfTheDatabaseScore() throws Exception {
        var max = (EvaluationOutcome.Scored) evaluate("echo '{\"score\": 3}'");
        var maxLower = (EvaluationOutcome.Scored) evaluate("echo '{\"score\": -7}'");
        assertThat(max.fitness()).isGreaterThan(maxLower.fitness());
        assertThat(maxLower.fitness()).isPositive();
        var min = (EvaluationOutcome.Scored) evaluator(Duration.ofSeconds(10), false, List.of())
                .evaluate(program("echo '{\"score\": 3}'"));
        var minLower = (EvaluationOutcome.Scored) evaluator(Duration.ofSeconds(10), false, List.of())
                .evaluate(program("echo '{\"score\": -7}'"));
        assertThat(minLower.fitness()).isGreaterThan(min.fitness());
        assertThat(min.detail()).contains("lower is better");
    }
}
