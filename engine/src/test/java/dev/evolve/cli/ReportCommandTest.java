package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code evolve report}: a report where asked, and exit code 2 with one clear line for bad input. */
class ReportCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private Path bareRun() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("run.json"), "{\"format\":1,\"run_id\":\"matmul-1\",\"target\":\"matmul\"}");
        return run;
    }

    @Test
    void writesIntoTheRunFolderOrOut() throws Exception {
        Path run = bareRun();
        assertThat(EvolveCommand.execute("report", run.toString())).isZero();
        assertThat(run.resolve("report.html")).isRegularFile();
        assertThat(run.resolve("report.md")).isRegularFile();
        assertThat(EvolveCommand.execute("report", run.toString(), "--out", dir.resolve("elsewhere/r").toString()))
                .isZero();
        assertThat(dir.resolve("elsewhere/r/report.html")).isRegularFile();
        assertThat(console.out()).contains("report.html");
    }

    @Test
    void aFolderThatIsNotARunIsAUsageError() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThat(EvolveCommand.execute("report", plain.toString())).isEqualTo(2);
        assertThat(console.err()).contains("is not a run folder (no run.json)");
        assertThat(plain.resolve("report.html")).doesNotExist();
        assertThat(EvolveCommand.execute("report", dir.resolve("missing").toString())).isEqualTo(2);
        Files.writeString(plain.resolve("run.json"), "[]");
        assertThat(EvolveCommand.execute("report", plain.toString())).isEqualTo(2);
        assertThat(console.err()).contains("is not a run marker");
    }

    @Test
    void aMissingOrMalformedBaselinesFileIsAUsageErrorNamingIt() throws Exception {
        Path run = bareRun();
        assertThat(EvolveCommand.execute("report", run.toString(), "--baselines", dir.resolve("none.json").toString()))
                .isEqualTo(2);
        assertThat(console.err()).contains("none.json");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "[{\"benchmark\":\"x\",\"primaryMetric\":{\"score\":1}}]");
        assertThat(EvolveCommand.execute("report", run.toString(), "--baselines", bad.toString())).isEqualTo(2);
        assertThat(console.err()).contains("bad.json: result [0]: primaryMetric.scoreUnit");
        assertThat(run.resolve("report.html")).doesNotExist();
    }
}
