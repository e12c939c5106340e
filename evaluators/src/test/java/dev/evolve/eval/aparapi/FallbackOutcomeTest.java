package dev.evolve.eval.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import org.junit.jupiter.api.Test;

/** How a worker's report of a fallback becomes an outcome. */
class FallbackOutcomeTest {

    static final String PREFIX = NotOnOpenCLException.class.getName() + ": ";

    @Test
    void aFallbackIsRejectedWithAparapisReason() {
        var crash = new Crashed(Crashed.Kind.EXCEPTION,
                PREFIX + "fell back to the Java thread pool: @MatmulAparapi__depth We don't support recursion", "trace",
                "WARNING: Device failed for MatmulAparapi ...");

        assertThat(AparapiEvaluator.fallbackAsRejection(crash)).isEqualTo(
                new Rejected("fell back to the Java thread pool: @MatmulAparapi__depth We don't support recursion"));
    }

    @Test
    void theDriversBuildErrorsFollowAnOpenCLCompileFailure() {
        String output = """
                2 errors generated.
                clBuildProgram failed
                error: /tmp/cache/tempfile_MuqY6X.cl:21:7: use of undeclared identifier 'String'
                error: /tmp/cache/tempfile_MuqY6X.cl:23:32 <Spelling=/usr/share/pocl/include/_builtin_renames.h:126:24>: no matching function for call to '_cl_length'
                Device pthread failed to build the program
                """;
        var crash = new Crashed(Crashed.Kind.EXCEPTION, PREFIX + "fell back to the Java thread pool: OpenCL compile failed",
                "", output);

        assertThat(AparapiEvaluator.fallbackAsRejection(crash).detail()).isEqualTo(
                "fell back to the Java thread pool: OpenCL compile failed (OpenCL build errors in the translated kernel:"
                        + " use of undeclared identifier 'String'; no matching function for call to '_cl_length')");
    }

    @Test
    void otherOutcomesPassUnchanged() {
        var thrown = new Crashed(Crashed.Kind.EXCEPTION, "java.lang.ArrayIndexOutOfBoundsException: 5", "", "");
        var oom = new Crashed(Crashed.Kind.OUT_OF_MEMORY, PREFIX + "not really", "", "");
        EvaluationOutcome rejected = new Rejected("line 3: no");

        assertThat(AparapiEvaluator.fallbackAsRejection(thrown)).isSameAs(thrown);
        assertThat(AparapiEvaluator.fallbackAsRejection(oom)).isSameAs(oom);
        assertThat(AparapiEvaluator.fallbackAsRejection(rejected)).isSameAs(rejected);
    }
}
