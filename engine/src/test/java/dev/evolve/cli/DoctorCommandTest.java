package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.sandbox.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code evolve doctor} on this machine, with the OpenCL listing behind its seam. */
class DoctorCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void oneMarkedLinePerItemAndExitCodeZero() {
        int code = new CommandLine(new DoctorCommand(new FixedBackend(new Discovery.Unavailable("no OpenCL platform",
                "install pocl-opencl-icd")))).execute();

        assertThat(code).isZero();
        List<String> lines = console.out().lines().toList();
        assertThat(lines).allMatch(l -> l.matches("(OK|WARN|MISSING) +\\S.*"), "marked OK, WARN or MISSING");
        assertThat(lines).anyMatch(l -> l.startsWith("OK") && l.contains("jdk") && l.contains(Runtime.version().toString()));
        assertThat(lines).anyMatch(l -> l.contains("bubblewrap"));
        assertThat(lines).anyMatch(l -> l.contains("user ns"));
        assertThat(lines).anyMatch(l -> l.contains("pid ns"));
        assertThat(lines).anyMatch(l -> l.contains("net ns"));
        assertThat(lines).anyMatch(l -> l.startsWith("MISSING") && l.contains("opencl") && l.contains("pocl"));
        assertThat(lines).anyMatch(l -> l.contains("temp disk") && l.contains("GiB free"));
        boolean sandboxWorks = SandboxPolicy.probe().bubblewrap().isPresent();
        assertThat(lines).anyMatch(l -> l.startsWith(sandboxWorks ? "OK" : "WARN") && l.contains("bubblewrap")
                || !sandboxWorks && l.startsWith("MISSING") && l.contains("bubblewrap"));
    }

    @Test
    void missingBubblewrapIsSaidWithWhatToInstall() {
        System.setProperty(SandboxPolicy.BWRAP_PROPERTY, dir.resolve("no-bwrap").toString());
        try {
            assertThat(new CommandLine(new DoctorCommand(new FixedBackend(new Discovery.Unavailable("none", null)))).execute()).isZero();
        } finally {
            System.clearProperty(SandboxPolicy.BWRAP_PROPERTY);
        }
        assertThat(console.out()).containsPattern("MISSING +bubblewrap +no bwrap \\(apt-get install bubblewrap\\)");
    }
}
