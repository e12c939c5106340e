package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.eval.sandbox.SandboxMode;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sandbox} and {@code sandbox:} on a machine without bubblewrap (simulated by pointing
 * {@value SandboxPolicy#BWRAP_PROPERTY} at a missing file): {@code bwrap} is bad usage with exit
 * code 2, {@code auto} warns on the console, in the event log and in summary.json, and carries on.
 */
class SandboxOptionTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @BeforeEach
    void noBubblewrap() {
        System.setProperty(SandboxPolicy.BWRAP_PROPERTY, dir.resolve("no-bwrap-here").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty(SandboxPolicy.BWRAP_PROPERTY);
        SandboxPolicy.select(SandboxMode.AUTO);   // the rest of this JVM's tests get the machine's default again
    }

    @Test
    void bwrapWithoutBubblewrapIsExitCodeTwoWithAClearMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("Matmul.java"), Targets.require("matmul").seedSource());

        int eval = EvolveCommand.execute("eval", "matmul", file.toString(), "--sandbox", "bwrap");
        int run = EvolveCommand.execute("run", "matmul", "--iterations", "1", "--sandbox", "bwrap",
                "--out", dir.resolve("run").toString());
        Path config = Files.writeString(dir.resolve("c.yaml"), "sandbox: bwrap\n");
        int fromConfig = EvolveCommand.execute("run", "matmul", "--iterations", "1", "--config", config.toString(),
                "--out", dir.resolve("run2").toString());

        assertThat(eval).isEqualTo(2);
        assertThat(run).isEqualTo(2);
        assertThat(fromConfig).isEqualTo(2);
        assertThat(console.err()).contains("sandbox: bwrap was asked for, but bubblewrap is not installed")
                .contains("apt-get install bubblewrap");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void anUnknownModeIsBadUsage() {
        assertThat(EvolveCommand.execute("run", "matmul", "--iterations", "1", "--sandbox", "docker",
                "--out", dir.resolve("run").toString())).isEqualTo(2);
        assertThat(console.err()).contains("sandbox").contains("auto, bwrap, process");
    }

    @Test
    void autoWithoutBubblewrapWarnsEverywhereAndRuns() throws Exception {
        Path out = dir.resolve("run");

        int code = EvolveCommand.execute("run", "matmul", "--iterations", "2", "--no-jmh", "--timing-size", "32",
                "--workers", "1", "--out", out.toString());

        assertThat(code).isZero();
        assertThat(console.err()).contains("warning: no OS sandbox: bubblewrap is not installed");
        JsonNode summary = new ObjectMapper().readTree(Files.readString(out.resolve("summary.json")));
        assertThat(summary.path("sandbox").path("requested").asText()).isEqualTo("auto");
        assertThat(summary.path("sandbox").path("mode").asText()).isEqualTo("process");
        assertThat(summary.path("sandbox").path("reason").asText()).contains("bubblewrap is not installed");
        assertThat(Files.readString(out.resolve("events.jsonl"))).contains("sandbox_unavailable")
                .contains("bubblewrap is not installed");
        assertThat(summary.path("status_counts").path("measured").asInt()).isPositive();
    }

    @Test
    void processModeIsQuietAndRecorded() throws Exception {
        Path file = Files.writeString(dir.resolve("Matmul.java"), Targets.require("matmul").seedSource());

        int code = EvolveCommand.execute("eval", "matmul", file.toString(), "--sandbox", "process",
                "--timing-size", "32", "--workers", "1");

        assertThat(code).isZero();
        assertThat(console.out()).startsWith("measured");
        assertThat(console.err()).doesNotContain("warning");
        assertThat(SandboxPolicy.current().sandbox().mode()).isEqualTo("process");
    }
}
