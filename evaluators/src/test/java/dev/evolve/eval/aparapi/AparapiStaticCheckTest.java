package dev.evolve.eval.aparapi;

import static dev.evolve.eval.aparapi.AparapiCandidates.NAIVE_BODY;
import static dev.evolve.eval.aparapi.AparapiCandidates.withMembers;
import static dev.evolve.eval.aparapi.AparapiCandidates.withRunBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.KernelTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Aparapi static check needs no device: it reads the source and Aparapi's own annotations. */
class AparapiStaticCheckTest {

    static final KernelTarget TARGET = new OpenCLKernelTarget.Matmul();
    static final AparapiStaticCheck CHECK = new AparapiStaticCheck();

    static List<String> violations(String source) {
        return CHECK.violations(TARGET, source);
    }

    @Test
    void theSeedAndKernelSideApiPass() {
        assertThat(violations(AparapiCandidates.SEED)).isEmpty();
        assertThat(violations(withRunBody("""
                        int lid = getLocalId();
                        int groups = getNumGroups();
                        localBarrier();
                        float r = sqrt(max(1.0f, (float) lid)) + groups + getGlobalSize() + getPassId();
                """ + NAIVE_BODY))).isEmpty();
    }

    @Test
    void theHostApiIsDerivedFromAparapisAnnotations() {
        assertThat(AparapiStaticCheck.HOST_API)
                .contains("execute", "setExecutionMode", "setExecutionModeWithoutFallback", "compile", "dispose",
                        "hasFallbackAlgorithm", "executeFallbackAlgorithm", "setExplicit", "put", "get")
                .doesNotContain("run", "getGlobalId", "getLocalId", "localBarrier", "sqrt", "atomicAdd", "max");
    }

    @Test
    void callingTheHostApiInTheBlockIsRejectedWithTheLine() {
        List<String> reasons = violations(withRunBody("execute(4);\n" + NAIVE_BODY));

        assertThat(reasons).hasSize(1);
        assertThat(reasons.getFirst()).matches("line \\d+: call to `execute` is not allowed in the evolve block.*");
        assertThat(violations(withRunBody("this.setExecutionModeWithoutFallback(null);\n" + NAIVE_BODY)))
                .singleElement().asString().contains("setExecutionModeWithoutFallback");
    }

    @Test
    void overridingTheFallbackHooksIsRejected() {
        String source = withMembers("""
                    static final int LOCAL = 16;

                    Range range(int n) {
                        return Range.create((n * n + LOCAL - 1) / LOCAL * LOCAL, LOCAL);
                    }

                    @Override
                    public boolean hasFallbackAlgorithm() {
                        return true;
                    }

                    @Override
                    public void run() {
                %s
                    }
                """.formatted(NAIVE_BODY));

        assertThat(violations(source)).singleElement().asString()
                .contains("method `hasFallbackAlgorithm` overrides Aparapi's host API");
    }

    @Test
    void javaRulesStillApplyAndNothingBeyondPlainJavaIsAllowed() {
        assertThat(violations(withRunBody("System.exit(1);\n" + NAIVE_BODY))).anyMatch(r -> r.contains("exit"));
        assertThat(violations(withRunBody("java.util.stream.IntStream.range(0, 4).parallel().sum();\n" + NAIVE_BODY)))
                .anyMatch(r -> r.contains("parallel"));
        assertThat(violations(AparapiCandidates.SEED.replace("import com.aparapi.Range;",
                "import com.aparapi.Range;\nimport com.aparapi.device.OpenCLDevice;")))
                .isNotEmpty();
    }

    @Test
    void theFixedHostCallOutsideTheBlockIsNotFlagged() {
        assertThat(AparapiCandidates.SEED).contains("execute(range(n));");
        assertThat(violations(AparapiCandidates.SEED)).isEmpty();
    }
}
