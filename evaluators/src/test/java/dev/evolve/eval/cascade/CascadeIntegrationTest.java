package dev.evolve.eval.cascade;

import static dev.evolve.eval.testing.Candidates.NAIVE_BODY;
import static dev.evolve.eval.testing.Candidates.withMembers;
import static dev.evolve.eval.testing.Candidates.withMultiplyBody;
import static dev.evolve.eval.testing.Outcomes.crashed;
import static dev.evolve.eval.testing.Outcomes.incorrectIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.CompileFailed;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Jmh;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.EvaluationOutcome.TimedOut;
import dev.evolve.eval.jmh.JmhConfirmation;
import dev.evolve.eval.testing.Candidates;
import dev.evolve.eval.testing.Unchecked;
import dev.evolve.eval.worker.WorkerEnvironment;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade against real worker processes, one candidate per status. One pool of two workers
 * serves the whole class; timing runs at n=64 with a short plan, deadlines are 3 s.
 */
class CascadeIntegrationTest {

    static final MatmulTarget TARGET = new MatmulTarget(64);
    static final Duration LIMIT = Duration.ofSeconds(3);
    static final CascadeConfig CONFIG = CascadeConfig.defaults()
            .withHeapMiB(256)
            .withProcessors(1)
            .withLimits(Duration.ofSeconds(15), LIMIT, LIMIT)
            .withTimingPlan(TestWorkers.QUICK_PLAN);
    static final String FAKE_KEY = "EVOLVE_TEST_API_KEY";

    @TempDir
    static Path lockDir;
    static TestWorkers workers;
    static Cascade cascade;

    @BeforeAll
    static void startPool() {
        // the engine's environment as the pool sees it carries a secret: it must not reach candidates
        var launch = WorkerLaunch.fromThisJvm(CONFIG.heapMiB(), CONFIG.processors())
                .withEnvironment(WorkerEnvironment.minimal().seeing(engine -> {
                    var env = new HashMap<>(engine);
                    env.put(FAKE_KEY, "sk-secret");
                    return env;
                }));
        workers = TestWorkers.start(launch, 2, lockDir, TARGET, CONFIG, Unchecked.CHECK);
        cascade = workers.cascade;
    }

    @AfterAll
    static void stopPool() {
        workers.close();
    }

    static EvaluationOutcome evaluate(String source) throws InterruptedException {
        return cascade.evaluate(source);
    }

    @Test
    void seedIsMeasuredAgainstItselfLikeForLike() throws Exception {
        var outcome = evaluate(Candidates.SEED);

        assertThat(outcome).isInstanceOf(Measured.class);
        var m = (Measured) outcome;
        assertThat(m.timing().size()).isEqualTo(64);
        assertThat(m.timing().samplesNs()).hasSizeBetween(3, 5);
        assertThat(m.seedTiming()).isEqualTo(cascade.seedTiming());
        assertThat(m.gflops()).isEqualTo(TARGET.flops(64) / m.timing().medianNs());
        assertThat(m.speedupVsSeed()).isEqualTo((double) m.seedTiming().medianNs() / m.timing().medianNs());
    }

    @Test
    void detailedEvaluationReportsEveryStage() throws Exception {
        Evaluation e = cascade.evaluateDetailed(withMultiplyBody("// a harmless comment\n" + NAIVE_BODY));

        assertThat(e.outcome()).isInstanceOf(Measured.class);
        assertThat(e.stages()).containsKeys(Evaluation.Stage.STATIC, Evaluation.Stage.ACQUIRE,
                Evaluation.Stage.COMPILE, Evaluation.Stage.CHECK, Evaluation.Stage.BENCH_LANE, Evaluation.Stage.TIMING);
        assertThat(e.inWorker()).containsOnlyKeys(Evaluation.Stage.COMPILE, Evaluation.Stage.CHECK,
                Evaluation.Stage.TIMING);
        assertThat(e.inWorkerTotal()).isPositive().isLessThanOrEqualTo(e.total());
        assertThat(e.inWorker().get(Evaluation.Stage.TIMING)).isLessThanOrEqualTo(e.stage(Evaluation.Stage.TIMING));
        assertThat(e.preTiming()).isLessThan(e.total());
    }

    @Test
    void staticViolationsRejectBeforeCompiling() throws Exception {
        try (var strict = workers.cascade(CONFIG,
                (t, s) -> List.of("line 3: java.io is not allowed", "line 9: no threads"), null)) {
            var e = strict.evaluateDetailed("this is not even Java");

            assertThat(e.outcome()).isEqualTo(new Rejected("line 3: java.io is not allowed; line 9: no threads"));
            assertThat(e.stages()).containsOnlyKeys(Evaluation.Stage.STATIC);
        }
    }

    @Test
    void aStaticCheckThatBreaksOnTheSourceRejectsIt() throws Exception {
        try (var fragile = workers.cascade(CONFIG,
                (t, s) -> { throw new IllegalArgumentException("unparseable"); }, null)) {
            var outcome = fragile.evaluate("class {");

            assertThat(outcome).isInstanceOf(Rejected.class);
            assertThat(outcome.detail()).contains("unparseable");
        }
    }

    @Test
    void compileErrorReportsTheLine() throws Exception {
        var outcome = evaluate(withMembers("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        int x = "not a number";
                    }
                """));

        assertThat(outcome).isInstanceOf(CompileFailed.class);
        var diagnostics = ((CompileFailed) outcome).diagnostics();
        assertThat(diagnostics).hasSize(1);
        assertThat(diagnostics.getFirst().line()).isEqualTo(Candidates.firstBlockLine() + 2);
        assertThat(diagnostics.getFirst().message()).contains("incompatible types");
    }

    @Test
    void endlessLoopTimesOutAndThePoolStillWorks() throws Exception {
        var outcome = evaluate(withMultiplyBody("while (true) { }"));

        assertThat(outcome).isEqualTo(new TimedOut("check", LIMIT));
        assertThat(evaluate(Candidates.SEED)).isInstanceOf(Measured.class);
    }

    @Test
    void longSleepTimesOut() throws Exception {
        var outcome = evaluate(withMultiplyBody(
                "try { Thread.sleep(600_000); } catch (InterruptedException e) { }"));

        assertThat(outcome).isEqualTo(new TimedOut("check", LIMIT));
    }

    @Test
    void hungWorkerIsKilledAndReplacedSoThePoolKeepsItsSize() throws Exception {
        assertThat(workers.pool.awaitAllIdle(Duration.ofSeconds(60))).isTrue();
        var before = workers.pool.workerPids();
        int replacedBefore = workers.pool.replacementTimes().size();

        assertThat(evaluate(withMultiplyBody("while (true) { }"))).isInstanceOf(TimedOut.class);

        assertThat(workers.pool.awaitAllIdle(Duration.ofSeconds(60))).isTrue();
        var after = workers.pool.workerPids();
        assertThat(after).hasSize(2);
        var killed = before.stream().filter(p -> !after.contains(p)).toList();
        assertThat(killed).hasSize(1);
        assertThat(ProcessHandle.of(killed.getFirst()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(workers.pool.replacementTimes()).hasSizeGreaterThan(replacedBefore);
    }

    @Test
    void aWorkerLeftWithCandidateThreadsIsRetiredAfterTheCandidate() throws Exception {
        assertThat(workers.pool.awaitAllIdle(Duration.ofSeconds(60))).isTrue();
        var before = workers.pool.workerPids();

        var outcome = evaluate(withMultiplyBody("""
                        Thread spinner = new Thread(() -> { while (true) { Thread.onSpinWait(); } });
                        spinner.setDaemon(true);
                        spinner.start();
                """ + NAIVE_BODY));

        assertThat(outcome).isInstanceOf(Measured.class);
        assertThat(workers.pool.awaitAllIdle(Duration.ofSeconds(60))).isTrue();
        var after = workers.pool.workerPids();
        assertThat(after).hasSize(2);
        assertThat(before.stream().filter(p -> !after.contains(p)).toList()).as("retired").hasSize(1);
    }

    @Test
    void parallelStreamsDoNotCountAsStrayThreads() throws Exception {
        assertThat(workers.pool.awaitAllIdle(Duration.ofSeconds(60))).isTrue();
        var before = workers.pool.workerPids();

        var outcome = evaluate(withMultiplyBody("""
                        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                            for (int j = 0; j < n; j++) {
                                double sum = 0.0;
                                for (int k = 0; k < n; k++) {
                                    sum += a[i * n + k] * b[k * n + j];
                                }
                                c[i * n + j] = sum;
                            }
                        });
                """));

        assertThat(outcome).isInstanceOf(Measured.class);
        assertThat(workers.pool.awaitAllIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(workers.pool.workerPids()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void systemExitIsACrashWithTheExitCode() throws Exception {
        var outcome = evaluate(withMultiplyBody("System.out.println(\"bye\"); System.exit(3);"));

        var crash = crashed(outcome, Crashed.Kind.EXIT);
        assertThat(crash.message()).contains("exit code 3");
        assertThat(crash.output()).contains("bye");
    }

    @Test
    void allocationBombIsOutOfMemory() throws Exception {
        var outcome = evaluate(withMultiplyBody("""
                        java.util.List<long[]> hog = new java.util.ArrayList<>();
                        while (true) { hog.add(new long[1 << 20]); }
                """));

        crashed(outcome, Crashed.Kind.OUT_OF_MEMORY);
    }

    @Test
    void unboundedRecursionIsStackOverflow() throws Exception {
        var outcome = evaluate(withMultiplyBody("multiply(a, b, c, n + 1);"));

        var crash = crashed(outcome, Crashed.Kind.STACK_OVERFLOW);
        assertThat(crash.stackTrace()).contains("Matmul.multiply");
    }

    @Test
    void exceptionIsACrashWithItsStackTrace() throws Exception {
        var outcome = evaluate(withMultiplyBody("throw new IllegalStateException(\"boom\");"));

        var crash = crashed(outcome, Crashed.Kind.EXCEPTION);
        assertThat(crash.message()).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(crash.stackTrace()).contains("Matmul.multiply(Matmul.java:");
    }

    @Test
    void correctOnlyForEvenSizesIsIncorrect() throws Exception {
        var outcome = evaluate(withMultiplyBody(NAIVE_BODY + "if (n % 2 == 1) { c[n * n - 1] += 1.0; }"));

        var wrong = incorrectIn(outcome, "check");
        assertThat(wrong.mismatch().size() % 2).isEqualTo(1);
    }

    @Test
    void relyingOnZeroedOutputIsIncorrect() throws Exception {
        var outcome = evaluate(withMultiplyBody("""
                        for (int i = 0; i < n; i++)
                            for (int j = 0; j < n; j++)
                                for (int k = 0; k < n; k++)
                                    c[i * n + j] += a[i * n + k] * b[k * n + j];
                """));

        incorrectIn(outcome, "check");
    }

    @Test
    void memoizingTheLastAnswerIsCaughtWhileTiming() throws Exception {
        var outcome = evaluate(withMembers("""
                    private static final java.util.Map<Integer, double[]> CACHE = new java.util.HashMap<>();

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        double[] old = CACHE.get(n);
                        if (old != null) {
                            System.arraycopy(old, 0, c, 0, c.length);
                            return;
                        }
                %s
                        CACHE.put(n, c.clone());
                    }
                """.formatted(NAIVE_BODY)));

        incorrectIn(outcome, "timing");
    }

    @Test
    void filesAndChildProcessesStayInThePrivateDirectoryThatIsDeleted() throws Exception {
        // the static check would reject this candidate; here it is bypassed to show the process boundary
        var outcome = evaluate(withMultiplyBody("""
                        try {
                            java.nio.file.Path direct = java.nio.file.Path.of("escape.txt").toAbsolutePath();
                            java.nio.file.Files.writeString(direct, "x");
                            java.nio.file.Path temp = java.io.File.createTempFile("evolve", ".tmp").toPath();
                            java.nio.file.Path spawned = java.nio.file.Path.of("spawned.txt").toAbsolutePath();
                            new ProcessBuilder("/bin/sh", "-c", "echo x > spawned.txt").start().waitFor();
                            throw new IllegalStateException("FILES " + direct + "|" + java.nio.file.Files.exists(direct)
                                    + "|" + temp + "|" + java.nio.file.Files.exists(temp)
                                    + "|" + spawned + "|" + java.nio.file.Files.exists(spawned) + "|END");
                        } catch (java.io.IOException | InterruptedException e) {
                            throw new RuntimeException(e);
                        }
                """));

        assertThat(outcome).isInstanceOf(Crashed.class);
        Matcher m = Pattern.compile("FILES (.*)\\|(\\w+)\\|(.*)\\|(\\w+)\\|(.*)\\|(\\w+)\\|END")
                .matcher(((Crashed) outcome).message());
        assertThat(m.find()).as(((Crashed) outcome).message()).isTrue();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        for (int g = 1; g <= 5; g += 2) {
            Path written = Path.of(m.group(g));
            assertThat(m.group(g + 1)).as("written: " + written).isEqualTo("true");
            Path workerDir = tmp.relativize(written.normalize()).getName(0);
            assertThat(workerDir.toString()).startsWith("evolve-worker-");
            // the crash retired the worker: its directory is gone with everything in it
            assertThat(written).doesNotExist();
            assertThat(tmp.resolve(workerDir)).doesNotExist();
        }
    }

    @Test
    void candidateSeesNoneOfTheEnginesEnvironment() throws Exception {
        assertThat(System.getenv()).containsKey("PATH"); // there is something to leak

        var outcome = evaluate(withMultiplyBody(
                "throw new IllegalStateException(\"ENV=\" + new java.util.TreeMap<>(System.getenv()));"));

        assertThat(outcome).isInstanceOf(Crashed.class);
        assertThat(((Crashed) outcome).message()).endsWith("ENV={LANG=C.UTF-8}").doesNotContain(FAKE_KEY);
    }

    @Test
    void floodingStdoutIsCappedAndTheProtocolSurvives() throws Exception {
        String flood = """
                        String line = "flood ".repeat(100);
                        for (int r = 0; r < 2000; r++) { System.out.println(line + r); System.err.println(line); }
                """;
        var crashed = evaluate(withMultiplyBody(flood + "throw new IllegalStateException(\"after the flood\");"));

        assertThat(crashed).isInstanceOf(Crashed.class);
        String output = ((Crashed) crashed).output();
        assertThat(output).startsWith("flood").contains("[output truncated:");
        assertThat(output.length()).isLessThan(70 * 1024);

        assertThat(evaluate(withMultiplyBody(flood + NAIVE_BODY))).isInstanceOf(Measured.class);
        assertThat(evaluate(Candidates.SEED)).isInstanceOf(Measured.class);
    }

    @Test
    void writingToTheProtocolStreamIsDetected() throws Exception {
        var outcome = evaluate(withMultiplyBody("""
                        try {
                            var out = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                            out.write("garbage that is no frame".getBytes());
                            out.flush();
                        } catch (java.io.IOException e) { throw new RuntimeException(e); }
                """ + NAIVE_BODY));

        assertThat(outcome).isInstanceOf(Crashed.class);
        assertThat(((Crashed) outcome).message()).contains("broke the protocol");
        assertThat(evaluate(Candidates.SEED)).isInstanceOf(Measured.class);
    }

    @Test
    void parallelCallersAllGetOutcomes() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<EvaluationOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String source = withMultiplyBody("// variant " + i + "\n" + NAIVE_BODY);
                futures.add(callers.submit((Callable<EvaluationOutcome>) () -> evaluate(source)));
            }
            for (var f : futures) {
                assertThat(f.get()).isInstanceOf(Measured.class);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void reTimingAndSeedReTiming() throws Exception {
        var again = cascade.time(withMultiplyBody("// champion\n" + NAIVE_BODY));
        assertThat(again).isInstanceOf(Measured.class);

        var fresh = cascade.retimeSeed();
        assertThat(cascade.seedTiming()).isSameAs(fresh);
        assertThat(((Measured) cascade.time(Candidates.SEED)).seedTiming()).isSameAs(fresh);
    }

    @Test
    void jmhConfirmationGetsTheClassFilesAndCanDecideTheSpeedup() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Boolean> classFileSeen = new ArrayList<>();
        JmhConfirmation fake = (target, dir, className) -> {
            classFileSeen.add(Files.isRegularFile(dir.resolve(className + ".class")));
            // the first confirmation is the seed's: twice as slow as the candidate's
            return calls.getAndIncrement() == 0 ? new Jmh(4.0, 0.1, List.of(4.0)) : new Jmh(2.0, 0.1, List.of(2.0));
        };
        try (var withJmh = workers.cascade(CONFIG.withJmh(true, true), Unchecked.CHECK, fake)) {
            var outcome = withJmh.evaluateDetailed(withMultiplyBody("// jmh\n" + NAIVE_BODY));

            assertThat(outcome.outcome()).isInstanceOf(Measured.class);
            var m = (Measured) outcome.outcome();
            assertThat(m.jmh()).isEqualTo(new Jmh(2.0, 0.1, List.of(2.0)));
            assertThat(m.speedupVsSeed()).isEqualTo(2.0);
            assertThat(m.gflops()).isEqualTo(TARGET.flops(64) / 2.0e6);
            assertThat(classFileSeen).containsExactly(true, true);
            assertThat(outcome.stages()).containsKey(Evaluation.Stage.JMH);
        }
    }

    @Test
    void failingJmhIsReportedNotThrown() throws Exception {
        JmhConfirmation broken = (target, dir, className) -> {
            throw new JmhConfirmation.JmhException("fork died");
        };
        try (var withJmh = workers.cascade(CONFIG.withJmh(true, false), Unchecked.CHECK, broken)) {
            var outcome = withJmh.evaluate(Candidates.SEED);

            assertThat(outcome).isInstanceOf(Crashed.class);
            assertThat(((Crashed) outcome).message()).contains("fork died");
        }
    }
}
