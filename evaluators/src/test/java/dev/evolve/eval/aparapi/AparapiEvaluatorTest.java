package dev.evolve.eval.aparapi;

import static dev.evolve.eval.aparapi.AparapiCandidates.NAIVE_BODY;
import static dev.evolve.eval.aparapi.AparapiCandidates.withLocalAndRunBody;
import static dev.evolve.eval.aparapi.AparapiCandidates.withRunBody;
import static dev.evolve.eval.testing.Outcomes.incorrectIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.EvaluationOutcome.TimedOut;
import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.cascade.Evaluation;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.aparapi.MatmulAparapiTarget;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * matmul-aparapi through real worker JVMs on the machine's OpenCL device (PoCL on a CPU; skipped,
 * with the reason, where there is none). One evaluator with two workers serves the class; timing
 * runs at n = 64 with a short plan.
 */
class AparapiEvaluatorTest {

    static final Duration CHECK_LIMIT = Duration.ofSeconds(10);
    static final CascadeConfig CONFIG = CascadeConfig.defaults()
            .withHeapMiB(256)
            .withProcessors(1)
            .withLimits(Duration.ofSeconds(60), CHECK_LIMIT, Duration.ofSeconds(30))
            .withTimingPlan(new TimingPlan(1, 0, 200, 3, 5, 300, 3));

    @TempDir
    static Path lockDir;
    static AparapiEvaluator evaluator;

    @BeforeAll
    static void start() {
        var missing = AparapiProbe.missingOpenCL();
        Assumptions.assumeTrue(missing.isEmpty(),
                () -> "no OpenCL here, Aparapi tests skipped: " + missing.orElseThrow());
        evaluator = AparapiEvaluator.create(new MatmulAparapiTarget().withTimingSize(64), CONFIG,
                BenchLane.at(lockDir.resolve("bench.lock")));
    }

    @AfterAll
    static void stop() {
        if (evaluator != null) {
            evaluator.close();
        }
    }

    @Test
    void theSeedRunsOnOpenCLAndIsMeasured() throws Exception {
        Evaluation e = evaluator.evaluateDetailed(AparapiCandidates.SEED);

        assertThat(e.outcome()).as(e.outcome().detail()).isInstanceOf(Measured.class);
        var m = (Measured) e.outcome();
        assertThat(m.timing().size()).isEqualTo(64);
        assertThat(m.gflops()).isEqualTo(new MatmulAparapiTarget().flops(64) / m.timing().medianNs());
        assertThat(m.seedTiming()).isEqualTo(evaluator.seedTiming());
        assertThat(e.stages()).containsKey(Evaluation.Stage.TIMING);
    }

    @Test
    void aVariantWithAnotherLocalSizeIsMeasuredAgainstTheSeed() throws Exception {
        var outcome = evaluator.evaluate(withLocalAndRunBody(64, NAIVE_BODY));

        assertThat(outcome).as(outcome.detail()).isInstanceOf(Measured.class);
        assertThat(((Measured) outcome).seedTiming()).isEqualTo(evaluator.seedTiming());
    }

    @Test
    void aWrongKernelIsIncorrect() throws Exception {
        var outcome = evaluator.evaluate(withRunBody(NAIVE_BODY.replace("k < n;", "k < n - 1;")));

        incorrectIn(outcome, "check");
    }

    @Test
    void aKernelThatMissesTheLastElementsIsIncorrect() throws Exception {
        // a launch that does not round up leaves elements of C unwritten at sizes like 17 (289 = 18 * 16 + 1)
        var outcome = evaluator.evaluate(AparapiCandidates.withMembers("""
                    static final int LOCAL = 16;

                    Range range(int n) {
                        return Range.create(Math.max(LOCAL, n * n / LOCAL * LOCAL), LOCAL);
                    }

                    @Override
                    public void run() {
                %s
                    }
                """.formatted(NAIVE_BODY)));

        assertThat(outcome).as(outcome.detail()).isInstanceOf(Incorrect.class);
    }

    @Test
    void aKernelUsingAStringFallsBackAndIsRejectedWithTheReasonNotTimed() throws Exception {
        Evaluation e = evaluator.evaluateDetailed(withRunBody("""
                        int id = getGlobalId();
                        String unit = "ms";
                        if (id < n * n) {
                            c[id] = unit.length();
                        }
                """));

        assertThat(e.outcome()).isInstanceOf(Rejected.class);
        // Aparapi writes OpenCL C the driver cannot build; the driver's errors say why
        assertThat(e.outcome().detail()).startsWith("fell back to the Java thread pool: OpenCL compile failed")
                .contains("String");
        assertThat(e.stages()).containsKey(Evaluation.Stage.CHECK).doesNotContainKey(Evaluation.Stage.TIMING);
    }

    @Test
    void aRecursiveKernelFallsBackAndSaysWhy() throws Exception {
        var outcome = evaluator.evaluate(AparapiCandidates.withMembers("""
                    static final int LOCAL = 16;

                    Range range(int n) {
                        return Range.create((n * n + LOCAL - 1) / LOCAL * LOCAL, LOCAL);
                    }

                    int depth(int k) {
                        return k <= 0 ? 0 : 1 + depth(k - 1);
                    }

                    @Override
                    public void run() {
                        int id = getGlobalId();
                        if (id < n * n) {
                            c[id] = depth(3);
                        }
                    }
                """));

        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(outcome.detail())
                .isEqualTo("fell back to the Java thread pool: @MatmulAparapi__depth We don't support recursion");
    }

    @Test
    void callingAparapisHostApiIsRejectedBeforeCompiling() throws Exception {
        Evaluation e = evaluator.evaluateDetailed(withRunBody("setExplicit(true);\n" + NAIVE_BODY));

        assertThat(e.outcome()).isInstanceOf(Rejected.class);
        assertThat(e.outcome().detail()).contains("setExplicit");
        assertThat(e.stages()).containsOnlyKeys(Evaluation.Stage.STATIC);
    }

    @Test
    void anEndlessKernelTimesOutAndTheNextCandidateStillEvaluates() throws Exception {
        EvaluationOutcome outcome = evaluator.evaluate(withRunBody("""
                        int id = getGlobalId();
                        int k = 0;
                        while (k < n) {
                            c[id % (n * n)] = k;
                            k = k * 1;
                        }
                """));

        assertThat(outcome).isEqualTo(new TimedOut("check", CHECK_LIMIT));
        assertThat(evaluator.evaluate(withLocalAndRunBody(32, NAIVE_BODY))).isInstanceOf(Measured.class);
    }
}
