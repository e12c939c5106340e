package dev.evolve.eval.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import org.junit.jupiter.api.Test;

class OpenClStaticCheckTest {

    private static final OpenClTarget MATMUL = OpenClTargets.require("matmul-opencl");

    @Test
    void everySeedPasses() {
        for (OpenClTarget t : OpenClTargets.all()) {
            assertThat(OpenClStaticCheck.violations(t, t.seedSource())).as(t.name()).isEmpty();
        }
    }

    @Test
    void theFrameOutsideTheBlockIsTheSeeds() {
        String edited = MATMUL.seedSource().replace("// matmul-opencl:", "// my matmul:");
        assertThat(OpenClStaticCheck.violations(MATMUL, edited)).singleElement().asString().contains("line 1");
        String noMarker = MATMUL.seedSource().replace("// EVOLVE-BLOCK-END\n", "");
        assertThat(OpenClStaticCheck.violations(MATMUL, noMarker)).singleElement().asString()
                .contains("EVOLVE-BLOCK-END").contains("missing");
    }

    @Test
    void includesPrintfAndUnreadableKnobsAreRefusedWithTheirLines() {
        String source = MATMUL.seedSource()
                .replace("#define WPT_X 1", "#include \"/etc/passwd\"\n#define WPT_X 1")
                .replace("float sum = 0.0f;", "float sum = 0.0f; printf(\"%f\", sum);")
                .replace("#define LOCAL_Y 8", "#define LOCAL_Y 0");
        assertThat(OpenClStaticCheck.violations(MATMUL, source)).satisfiesExactly(
                v -> assertThat(v).startsWith("line 9: #include is not allowed"),
                v -> assertThat(v).contains("printf is not allowed"),
                v -> assertThat(v).isEqualTo("LOCAL_Y (line 8) = 0 is out of range [1, 1024]"));
        assertThat(OpenClStaticCheck.violations(MATMUL, MATMUL.seedSource().replace("#define WPT_X 1\n", "")))
                .singleElement().asString().contains("missing '#define WPT_X <integer>'");
    }

    @Test
    void aHugeSourceIsRefusedUnread() {
        String huge = MATMUL.seedSource().replace("#define WPT_Y 1", "#define WPT_Y 1\n//" + "x".repeat(70_000));
        assertThat(OpenClStaticCheck.violations(MATMUL, huge)).singleElement().asString().contains("at most 65536");
    }
}
