package dev.evolve.eval.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.CompileDiagnostic;
import org.junit.jupiter.api.Test;

class BuildLogTest {

    @Test
    void readsPoclLogsWithTheSeverityFirst() {
        String log = """
                error: /home/u/.cache/pocl/tempfile_aMOao8.cl:3:11: use of undeclared identifier 'undefined_thing'
                warning: /home/u/.cache/pocl/tempfile_aMOao8.cl:2:5: unused variable 'q'
                error: /home/u/.cache/pocl/tempfile_aMOao8.cl:4:15: expected ';' at end of declaration
                Device pthread failed to build the program
                """;
        assertThat(BuildLog.errors(log)).containsExactly(
                new CompileDiagnostic(3, 11, "use of undeclared identifier 'undefined_thing'"),
                new CompileDiagnostic(4, 15, "expected ';' at end of declaration"));
    }

    @Test
    void readsClangStyleVendorLogsWithTheLocationFirst() {
        String log = """
                <kernel>:12:5: error: use of undeclared identifier 'x'
                    x = 1;
                    ^
                <kernel>:7:1: warning: something harmless
                /tmp/comgr-1/input/CompileSource:20:9: fatal error: 'foo.h' file not found
                """;
        assertThat(BuildLog.errors(log)).containsExactly(
                new CompileDiagnostic(12, 5, "use of undeclared identifier 'x'"),
                new CompileDiagnostic(20, 9, "'foo.h' file not found"));
    }

    @Test
    void anUnreadableLogBecomesOneDiagnosticAtLineZero() {
        assertThat(BuildLog.errors("ptxas fatal: something went wrong\n")).singleElement()
                .satisfies(d -> {
                    assertThat(d.line()).isZero();
                    assertThat(d.message()).isEqualTo("ptxas fatal: something went wrong");
                });
        assertThat(BuildLog.errors("  ")).singleElement().extracting(CompileDiagnostic::message).asString()
                .contains("no log");
        assertThat(BuildLog.errors("x".repeat(10_000))).singleElement().extracting(CompileDiagnostic::message)
                .asString().endsWith("[build log truncated]");
    }
}
