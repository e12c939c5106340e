package dev.evolve.eval.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real builds and launches on the machine's OpenCL device; skipped, with the reason, where there is none. */
class OpenClEvaluatorTest {

    private static final Duration CHECK_LIMIT = Duration.ofSeconds(8);
    private static final OpenClTarget MATMUL = OpenClTargets.require("matmul-opencl");
    private static OpenClEvaluator eval;

    private static String skipped;

    @BeforeAll
    static void start() {
        var device = OpenClTestDevice.find();
        if (device.isEmpty()) {
            skipped = OpenClTestDevice.why();
            return;
        }
        var config = AcceleratorConfig.defaults().withWorkers(2).withHeapMiB(256).withTimingSize(96)
                .withLimits(Duration.ofSeconds(30), CHECK_LIMIT, Duration.ofSeconds(30))
                .withTimingPlan(new TimingPlan(1, 0, 200, 3, 5, 200, 3));
        eval = OpenClEvaluator.create(MATMUL, device.get(), config, OpenClTestDevice.cacheDir());
    }

    /** Each test reports itself skipped, with the reason, where there is no OpenCL device. */
    @BeforeEach
    void requireDevice() {
        Assumptions.assumeTrue(eval != null, () -> "OpenCL test skipped: " + skipped);
    }

    @AfterAll
    static void stop() {
        if (eval != null) {
            eval.close();
        }
    }

    /** The seed with its kernel (the evolve block's body) replaced. */
    private static String variant(String body) {
        return EvolveBlock.of(MATMUL.seedSource()).orElseThrow().withBody(body);
    }

    private static final String KNOBS = """
            #define LOCAL_X 8
            #define LOCAL_Y 8
            #define WPT_X 1
            #define WPT_Y 1
            """;

    @Test
    void seedIsMeasuredAgainstItselfWithDeviceTimes() throws Exception {
        var m = (EvaluationOutcome.Measured) eval.evaluate(MATMUL.seedSource());
        assertThat(m.timing().size()).isEqualTo(96);
        assertThat(m.timing().samplesNs()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(m.gflops()).isPositive();
        assertThat(m.seedTiming()).isEqualTo(eval.seedTiming());
    }

    @Test
    void buildErrorsComeBackWithTheirLines() throws Exception {
        String source = variant(KNOBS + """
                __kernel void matmul(__global const float* a, __global const float* b, __global float* c, const int n) {
                    c[0] = undeclared_thing;
                }
                """);
        failsToBuildAt(eval.evaluate(source), source, "undeclared_thing", "undeclared_thing");
    }

    @Test
    void aWrongSumIsIncorrectWithTheFirstMismatch() throws Exception {
        String source = MATMUL.seedSource().replace("c[row * n + col] = sum;", "c[row * n + col] = sum + 1.0f;");
        var wrong = (EvaluationOutcome.Incorrect) eval.evaluate(source);
        assertThat(wrong.phase()).isEqualTo("check");
        assertThat(wrong.mismatch().size()).isEqualTo(1);
    }

    @Test
    void writingPastTheEndOfTheOutputIsCaughtByTheGuardZone() throws Exception {
        String source = MATMUL.seedSource()
                .replace("if (row < n && col < n) {", "{")
                .replace("for (int k = 0; k < n; k++) {", "for (int k = 0; k < 0; k++) {");
        var wrong = (EvaluationOutcome.Incorrect) eval.evaluate(source);
        assertThat(wrong.detail()).contains("written past the end of c");
    }

    @Test
    void aKnobTheHostCannotReadIsRejectedBeforeAnyBuild() throws Exception {
        var rejected = (EvaluationOutcome.Rejected) eval.evaluate(MATMUL.seedSource().replace("#define WPT_Y 1", "#define WPT_Y (1)"));
        assertThat(rejected.reason()).contains("WPT_Y").contains("plain integer literal");
        var printf = (EvaluationOutcome.Rejected) eval.evaluate(MATMUL.seedSource().replace("float sum = 0.0f;",
                "float sum = 0.0f; printf(\"hi\");"));
        assertThat(printf.reason()).contains("printf");
    }

    @Test
    void aWorkGroupBeyondTheDeviceIsACompileErrorAtTheKnob() throws Exception {
        String source = MATMUL.seedSource().replace("#define LOCAL_X 8", "#define LOCAL_X 1024")
                .replace("#define LOCAL_Y 8", "#define LOCAL_Y 1024");
        failsToBuildAt(eval.evaluate(source), source, "#define LOCAL_X", "1024 x 1024", "exceeds");
    }

    @Test
    void aKnobTheKernelSeesDifferentlyFailsTheBuildAtTheKnobsLine() throws Exception {
        String source = MATMUL.seedSource().replace("#define WPT_X 1", "#define WPT_X 1\n#if 0\n#endif");
        String hidden = MATMUL.seedSource().replace("#define LOCAL_Y 8", "/*\n#define LOCAL_Y 8\n*/\n#define LOCAL_Y_ 8");
        assertThat(eval.evaluate(source)).isInstanceOf(EvaluationOutcome.Measured.class);
        failsToBuildAt(eval.evaluate(hidden), hidden, "#define LOCAL_Y 8", "LOCAL_Y");
    }

    @Test
    void aParameterListTheHostDoesNotPassIsACompileError() throws Exception {
        String source = MATMUL.seedSource().replace("__global float* c, const int n)", "__global float* c, const int n, const int m)");
        var failed = (EvaluationOutcome.CompileFailed) eval.evaluate(source);
        assertThat(failed.detail()).contains("takes 5 parameters; the host passes 4");
        String typed = MATMUL.seedSource().replace("__global const float* b", "__global const int* b");
        assertThat(((EvaluationOutcome.CompileFailed) eval.evaluate(typed)).detail())
                .contains("parameter 1 of kernel matmul is 'int*'");
    }

    @Test
    void aKernelThatNeverEndsTimesOutAndTheNextCandidateStillEvaluates() throws Exception {
        eval.seedTiming(); // the seed's own timing is not part of this test's clock
        String source = MATMUL.seedSource().replace("for (int k = 0; k < n; k++) {", "for (int k = 0; k < n; k += 0) {");
        long t0 = System.nanoTime();
        var timedOut = (EvaluationOutcome.TimedOut) eval.evaluate(source);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(timedOut.phase()).isEqualTo("check");
        assertThat(timedOut.limit()).isEqualTo(CHECK_LIMIT);
        // the build of a fresh variant plus the limit plus the kill: a generous bound, not a timing claim
        assertThat(took).isLessThan(CHECK_LIMIT.plusSeconds(15));
        assertThat(eval.evaluate(MATMUL.seedSource().replace("float sum = 0.0f;", "float sum = -0.0f;")))
                .isInstanceOf(EvaluationOutcome.Measured.class);
    }

    @Test
    void aKernelThatCrashesTheDeviceIsACrash() throws Exception {
        String source = MATMUL.seedSource().replace("c[row * n + col] = sum;",
                "c[row * n + col] = sum; ((__global float*) 0x10)[row * 4096 + col] = 1.0f;");
        EvaluationOutcome o = eval.evaluate(source);
        assertThat(o).isInstanceOf(EvaluationOutcome.Crashed.class);
    }

    /**
     * Asserts that {@code outcome} failed to build with a diagnostic on the line of {@code source}
     * that holds {@code text}, whose message contains each of {@code words}.
     */
    private static void failsToBuildAt(EvaluationOutcome outcome, String source, String text, String... words) {
        var failed = (EvaluationOutcome.CompileFailed) outcome;
        int line = lineOf(source, text);
        assertThat(failed.diagnostics()).anySatisfy(d -> {
            assertThat(d.line()).isEqualTo(line);
            assertThat(d.message()).contains(words);
        });
    }

    private static int lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in source");
    }
}
