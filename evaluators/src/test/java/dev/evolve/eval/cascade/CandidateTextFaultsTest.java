package dev.evolve.eval.cascade;

import static dev.evolve.eval.testing.Candidates.withMultiplyBody;
import static dev.evolve.eval.testing.Outcomes.crashed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.evolve.eval.Bounded;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.eval.statics.SourceBounds;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No candidate text faults the engine: each of these comes back as a plain status with a short
 * detail, and nothing is thrown out of the cascade.
 */
class CandidateTextFaultsTest {

    static final MatmulTarget TARGET = new MatmulTarget(32);
    static final CascadeConfig CONFIG = TestWorkers.quick(Duration.ofSeconds(30));

    @TempDir
    static Path lockDir;
    static TestWorkers workers;
    static Cascade cascade;

    @BeforeAll
    static void start() {
        workers = TestWorkers.start(1, lockDir, TARGET, CONFIG, new JavaParserStaticCheck());
        cascade = workers.cascade;
    }

    @AfterAll
    static void stop() {
        workers.close();
    }

    @Test
    void threeThousandNestedParenthesesAreRejectedNotAStackOverflow() throws Exception {
        String deep = "(".repeat(3_000) + "1" + ")".repeat(3_000);
        EvaluationOutcome outcome = cascade.evaluate(withMultiplyBody("c[0] = " + deep + ";"));
        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(outcome.detail()).contains("nest more than " + SourceBounds.MAX_NESTING + " levels");
    }

    @Test
    void aStaticCheckThatOverflowsItsStackRejectsTheSource() throws Exception {
        try (var fragile = workers.cascade(CONFIG,
                (t, s) -> { throw new StackOverflowError("deep"); }, null)) {
            EvaluationOutcome outcome = fragile.evaluate(withMultiplyBody(""));
            assertThat(outcome).isInstanceOf(Rejected.class);
            assertThat(outcome.detail()).contains("could not analyse").contains("StackOverflowError");
        }
    }

    @Test
    void aStaticCheckPastItsDeadlineRejectsTheSource() throws Exception {
        List<String> reasons = GuardedStaticCheck.violations((t, s) -> {
            while (true) {
                Thread.onSpinWait();
            }
        }, TARGET, "class X {}", Duration.ofMillis(200));
        assertThat(reasons).singleElement().asString().contains("ran past its limit of 200 ms");
    }

    @Test
    void aCyclicCauseChainIsACrashNotASpin() throws Exception {
        EvaluationOutcome outcome = cascade.evaluate(withMultiplyBody("""
                        var first = new IllegalStateException("first");
                        var second = new IllegalArgumentException("second", first);
                        first.initCause(second);
                        throw first;
                """));
        var crash = crashed(outcome, Crashed.Kind.EXCEPTION);
        assertThat(crash.message()).isEqualTo("java.lang.IllegalStateException: first");
        assertThat(crash.stackTrace()).contains("CIRCULAR REFERENCE");
    }

    @Test
    void aFiveMegabyteMessageBecomesAShortDetail() throws Exception {
        EvaluationOutcome outcome = cascade.evaluate(withMultiplyBody("""
                        throw new IllegalStateException("x".repeat(5_000_000));
                """));
        assertThat(outcome).isInstanceOf(Crashed.class);
        var crash = (Crashed) outcome;
        assertThat(crash.message()).startsWith("java.lang.IllegalStateException: xxx").contains("more characters cut")
                .hasSizeLessThanOrEqualTo(Bounded.MESSAGE_CHARS);
        assertThat(crash.detail().length()).isLessThanOrEqualTo(Bounded.MESSAGE_CHARS + 20);
        assertThat(crash.stackTrace().length()).isLessThanOrEqualTo(Bounded.TRACE_CHARS);
    }

    @Test
    void aOneMegabyteCandidateIsRejectedWithTheFirstReasons() throws Exception {
        StringBuilder body = new StringBuilder();
        while (body.length() < 1_000_000) {
            body.append("        System.exit(0);\n");
        }
        String source = withMultiplyBody(body.toString());
        assertThat(source.length()).isBetween(1_000_000, SourceBounds.MAX_CHARS);
        EvaluationOutcome outcome = cascade.evaluate(source);
        assertThat(outcome).isInstanceOf(Rejected.class);
        assertThat(outcome.detail()).contains("`System.exit` is not allowed in a kernel")
                .hasSizeLessThanOrEqualTo(Bounded.MESSAGE_CHARS);
    }

    @Test
    void aSourceOverTheLengthBoundIsRejectedUnparsed() throws Exception {
        String source = withMultiplyBody("// " + "y".repeat(SourceBounds.MAX_CHARS));
        Evaluation e = cascade.evaluateDetailed(source);
        assertThat(e.outcome()).isInstanceOf(Rejected.class);
        assertThat(e.outcome().detail()).contains("at most " + SourceBounds.MAX_CHARS);
        assertThat(e.stages()).containsOnlyKeys(Evaluation.Stage.STATIC);
    }

    @Test
    void garbageSourcesNeverThrow() {
        for (String garbage : List.of("", "\u0000", "}}}}", "class Matmul {", "\"".repeat(10_000), "/*", "'\\")) {
            assertThatCode(() -> cascade.evaluate(garbage)).as(garbage).doesNotThrowAnyException();
        }
    }
}
