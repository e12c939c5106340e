package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line naming the problem, exit code 2, and nothing is overwritten. */
class CommandLineUsageTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private String errText() {
        return console.err();
    }

    @Test
    void seedPrintsTheSeedVerbatim() {
        assertThat(EvolveCommand.execute("seed", "matmul")).isZero();
        assertThat(console.out())
                .isEqualTo(dev.evolve.kernels.Targets.require("matmul").seedSource());
    }

    @Test
    void unknownTarget() {
        assertThat(EvolveCommand.execute("seed", "nope")).isEqualTo(2);
        assertThat(errText()).contains("unknown target 'nope'").contains("matmul");
        assertThat(EvolveCommand.execute("run", "nope", "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void evalRefusesMissingUnreadableAndNonJavaFiles() throws Exception {
        assertThat(EvolveCommand.execute("eval", "matmul", dir.resolve("Missing.java").toString())).isEqualTo(2);
        assertThat(errText()).contains("no such file");
        Path txt = Files.writeString(dir.resolve("kernel.txt"), "class X {}");
        assertThat(EvolveCommand.execute("eval", "matmul", txt.toString())).isEqualTo(2);
        assertThat(errText()).contains("not a Java source file");
        Path binary = Files.write(dir.resolve("Bin.java"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x00});
        assertThat(EvolveCommand.execute("eval", "matmul", binary.toString())).isEqualTo(2);
        assertThat(errText()).contains("not UTF-8");
        assertThat(EvolveCommand.execute("eval", "matmul", dir.toString())).isEqualTo(2);
        assertThat(errText()).contains("not a regular file");
    }

    @Test
    void runRefusesAnOutputFolderThatIsNotARunAndTouchesNothing() throws Exception {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Path keep = Files.writeString(out.resolve("notes.txt"), "mine");
        assertThat(EvolveCommand.execute("run", "matmul", "--iterations", "1", "--out", out.toString())).isEqualTo(2);
        assertThat(errText()).contains("is not a run");
        assertThat(Files.readString(keep)).isEqualTo("mine");
        try (var files = Files.list(out)) {
            assertThat(files).containsExactly(keep);
        }
    }

    @Test
    void runRefusesInvalidConfiguration() throws Exception {
        assertThat(EvolveCommand.execute("run", "matmul", "--islands", "0", "--out", dir.resolve("a").toString()))
                .isEqualTo(2);
        assertThat(errText()).contains("'islands'");
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "budget: forever\n");
        assertThat(EvolveCommand.execute("run", "matmul", "--config", yaml.toString(), "--out",
                dir.resolve("b").toString())).isEqualTo(2);
        assertThat(errText()).contains("'budget'");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void resumeRefusesWhatIsNotARun() throws Exception {
        Path notRun = Files.createDirectories(dir.resolve("plain"));
        assertThat(EvolveCommand.execute("resume", notRun.toString())).isEqualTo(2);
        assertThat(errText()).contains("is not a run");
        assertThat(EvolveCommand.execute("resume", dir.resolve("absent").toString())).isEqualTo(2);
        assertThat(errText()).contains("is not a folder");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"run", "resume", "lineage", "eval", "seed", "targets"}) {
            assertThat(EvolveCommand.execute(command, "--help")).as(command).isZero();
        }
        assertThat(console.out()).contains("--mutator").contains("--json").contains("<run-dir>");
    }

    @Test
    void unknownOptionIsUsage() {
        assertThat(EvolveCommand.execute("run", "matmul", "--frobnicate")).isEqualTo(2);
        assertThat(errText()).contains("--frobnicate");
    }

    @Test
    void modelMutatorsNeedAModelAndItsKeyBeforeAnythingIsCreated() {
        Path out = dir.resolve("llm");
        assertThat(EvolveCommand.execute("run", "matmul", "--mutator", "llm", "--out", out.toString())).isEqualTo(2);
        assertThat(errText()).contains("needs a model");
        assertThat(EvolveCommand.execute("run", "matmul", "--mutator", "mixed", "--llm-model", "m",
                "--llm-key-env", "EVOLVE_TEST_VARIABLE_THAT_IS_NOT_SET", "--out", out.toString())).isEqualTo(2);
        assertThat(errText()).contains("EVOLVE_TEST_VARIABLE_THAT_IS_NOT_SET is not set");
        assertThat(EvolveCommand.execute("run", "matmul", "--llm-base-url", "http://127.0.0.1:1/v1",
                "--out", out.toString())).isEqualTo(2);
        assertThat(errText()).contains("need --llm-model");
        assertThat(EvolveCommand.execute("run", "matmul", "--mutator", "llm", "--replay", dir.toString(),
                "--out", out.toString())).isEqualTo(2);
        assertThat(errText()).contains("no recorded model replies");
        assertThat(out).doesNotExist();
    }
}
