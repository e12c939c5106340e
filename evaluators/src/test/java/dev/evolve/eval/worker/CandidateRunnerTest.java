package dev.evolve.eval.worker;

import static dev.evolve.eval.testing.Candidates.NAIVE_BODY;
import static dev.evolve.eval.testing.Candidates.withMultiplyBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.testing.Candidates;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker-side logic in this JVM, with trusted sources only. */
class CandidateRunnerTest {

    static final MatmulTarget TARGET = new MatmulTarget(16);
    static final TimingPlan QUICK = new TimingPlan(1, 0, 50, 3, 5, 50, 3);

    final CandidateRunner runner = new CandidateRunner();

    WorkerReply.Kind run(WorkerRequest r) {
        return runner.handle(r).kind();
    }

    @Test
    void seedCompilesChecksAndTimes() {
        assertThat(run(WorkerRequest.compile(TARGET, Candidates.SEED, false))).isEqualTo(WorkerReply.Kind.COMPILED);
        assertThat(run(WorkerRequest.check(TARGET.checkSizes(), 7L))).isEqualTo(WorkerReply.Kind.PASSED);

        var timed = runner.handle(WorkerRequest.time(16, 8L, QUICK, 0));

        assertThat(timed.kind()).isEqualTo(WorkerReply.Kind.TIMED);
        assertThat(timed.size()).isEqualTo(16);
        assertThat(timed.samplesNs()).hasSizeBetween(3, 5).allMatch(s -> s > 0);
    }

    @Test
    void classBytesComeBackOnlyWhenAsked() {
        assertThat(runner.handle(WorkerRequest.compile(TARGET, Candidates.SEED, false)).classes()).isEmpty();
        assertThat(runner.handle(WorkerRequest.compile(TARGET, Candidates.SEED, true)).classes()).containsKey("Matmul");
    }

    @Test
    void aCandidateFarSlowerThanTheCutoffIsCutShort() {
        run(WorkerRequest.compile(TARGET, Candidates.SEED, false));
        run(WorkerRequest.check(List.of(3), 1L));

        var timed = runner.handle(WorkerRequest.time(16, 2L, new TimingPlan(3, 0, 1000, 10, 15, 1000, 3), 1));

        assertThat(timed.samplesNs()).hasSize(TimingPlan.CUT_SHORT_SAMPLES);
    }

    @Test
    void eachCandidateGetsItsOwnClassLoader() {
        String counting = Candidates.withMembers("""
                    static int calls;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        if (++calls > 1) { throw new IllegalStateException("state leaked: " + calls); }
                %s
                    }
                """.formatted(NAIVE_BODY));
        for (int i = 0; i < 2; i++) {
            run(WorkerRequest.compile(TARGET, counting, false));
            assertThat(run(WorkerRequest.check(List.of(4), 3L))).isEqualTo(WorkerReply.Kind.PASSED);
        }
    }

    @Test
    void misuseIsAnErrorNotACrash() {
        assertThat(run(WorkerRequest.check(List.of(4), 1L))).isEqualTo(WorkerReply.Kind.ERROR);
        run(WorkerRequest.compile(TARGET, Candidates.SEED, false));
        assertThat(run(WorkerRequest.time(4, 1L, QUICK, 0))).isEqualTo(WorkerReply.Kind.ERROR);
    }

    @Test
    void classNotImplementingTheKernelIsACrash() {
        String wrong = "public final class Matmul { }";
        run(WorkerRequest.compile(TARGET, wrong, false));

        var reply = runner.handle(WorkerRequest.check(List.of(4), 1L));

        assertThat(reply.kind()).isEqualTo(WorkerReply.Kind.CRASHED);
        assertThat(reply.crash()).isEqualTo(Crashed.Kind.EXCEPTION);
        assertThat(reply.message()).contains("does not implement");
    }

    @Test
    void crashKindsFollowTheCauseChain() {
        assertThat(CandidateRunner.crash(new RuntimeException(new OutOfMemoryError("heap")), 0).crash())
                .isEqualTo(Crashed.Kind.OUT_OF_MEMORY);
        assertThat(CandidateRunner.crash(new ExceptionInInitializerError(new StackOverflowError()), 0).crash())
                .isEqualTo(Crashed.Kind.STACK_OVERFLOW);
        assertThat(CandidateRunner.crash(new ArithmeticException("/ by zero"), 0).crash())
                .isEqualTo(Crashed.Kind.EXCEPTION);
    }

    @Test
    void unknownTargetsAreInstantiatedByClassName() {
        assertThat(CandidateRunner.resolveTarget("matmul-custom", MatmulTarget.class.getName()))
                .isInstanceOf(MatmulTarget.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> CandidateRunner.resolveTarget("x", String.class.getName()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTargetTimedAtAnotherSizeResolvesToTheRegisteredTarget() {
        var resized = dev.evolve.kernels.Targets.withTimingSize(dev.evolve.kernels.Targets.require("matmul"), 64);
        var request = WorkerRequest.compile(resized, "class Matmul {}", false);
        assertThat(CandidateRunner.resolveTarget(request.targetName(), request.targetClass()))
                .isSameAs(dev.evolve.kernels.Targets.require("matmul"));
    }

    @Test
    void compileErrorsCarryDiagnostics() {
        var reply = runner.handle(WorkerRequest.compile(TARGET, withMultiplyBody("int x = ;"), false));

        assertThat(reply.kind()).isEqualTo(WorkerReply.Kind.COMPILE_FAILED);
        assertThat(reply.diagnostics()).isNotEmpty().allMatch(d -> d.line() > 0);
    }
}
