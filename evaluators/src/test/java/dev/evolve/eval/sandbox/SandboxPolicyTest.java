package dev.evolve.eval.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing the sandbox: modes, the probe, and what a machine without bubblewrap gets. */
class SandboxPolicyTest {

    @TempDir
    Path dir;

    @AfterEach
    void restore() {
        System.clearProperty(SandboxPolicy.BWRAP_PROPERTY);
    }

    @Test
    void modesParseAsWrittenInYaml() {
        assertThat(SandboxMode.parse("auto")).isEqualTo(SandboxMode.AUTO);
        assertThat(SandboxMode.parse(" BWRAP ")).isEqualTo(SandboxMode.BWRAP);
        assertThat(SandboxMode.parse("process")).isEqualTo(SandboxMode.PROCESS);
        assertThatThrownBy(() -> SandboxMode.parse("docker")).hasMessageContaining("auto, bwrap or process");
        assertThatThrownBy(() -> SandboxMode.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutBubblewrapAutoFallsBackWithAReasonAndBwrapRefuses() {
        System.setProperty(SandboxPolicy.BWRAP_PROPERTY, dir.resolve("missing-bwrap").toString());

        SandboxStatus auto = SandboxPolicy.resolve(SandboxMode.AUTO);

        assertThat(auto.sandbox()).isEqualTo(Sandbox.none());
        assertThat(auto.fellBack()).isTrue();
        assertThat(auto.reason()).contains("bubblewrap is not installed").contains("missing-bwrap");
        assertThat(auto.warning()).startsWith("no OS sandbox: bubblewrap is not installed");
        assertThat(auto.toMap()).containsEntry("requested", "auto").containsEntry("mode", "process");
        assertThatThrownBy(() -> SandboxPolicy.resolve(SandboxMode.BWRAP))
                .isInstanceOf(SandboxUnavailableException.class)
                .hasMessageContaining("sandbox: bwrap was asked for, but bubblewrap is not installed")
                .hasMessageContaining("apt-get install bubblewrap");
        SandboxStatus process = SandboxPolicy.resolve(SandboxMode.PROCESS);
        assertThat(process.fellBack()).isFalse();
        assertThat(process.warning()).isEmpty();
    }

    @Test
    void aBubblewrapThatCannotStartASandboxIsNoSandbox() throws Exception {
        Path fake = java.nio.file.Files.writeString(dir.resolve("bwrap"), "#!/bin/sh\necho 'bwrap: No permissions "
                + "to create new namespace' >&2\nexit 1\n");
        fake.toFile().setExecutable(true);
        System.setProperty(SandboxPolicy.BWRAP_PROPERTY, fake.toString());

        SandboxStatus auto = SandboxPolicy.resolve(SandboxMode.AUTO);

        assertThat(auto.sandbox().mode()).isEqualTo("process");
        assertThat(auto.reason()).contains("cannot start a sandbox here").contains("No permissions to create new namespace");
    }

    @Test
    void onThisMachineBubblewrapWorksOrTheTestSaysWhyNot() {
        Bubblewrap bwrap = SandboxTesting.bubblewrap();

        assertThat(SandboxPolicy.resolve(SandboxMode.BWRAP).sandbox()).isEqualTo(bwrap);
        assertThat(SandboxPolicy.resolve(SandboxMode.AUTO).toMap()).containsEntry("mode", "bwrap");
    }

    @Test
    void gpuNodesAndHiddenPathsAreBoundOnlyWhenThere() {
        var bwrap = new Bubblewrap(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/prlimit"), Path.of("/usr/bin/env"),
                ProcessLimits.defaults());
        var cmd = String.join(" ", bwrap.wrap(List.of("/bin/true"), new Confinement(dir,
                List.of(Path.of("/tmp/surely-not-here-" + System.nanoTime()), Path.of("/usr/bin")), List.of(), true)));

        assertThat(cmd).doesNotContain("surely-not-here").doesNotContain("--ro-bind /usr/bin");
        Bubblewrap.gpuNodes().forEach(node -> assertThat(cmd).contains("--dev-bind " + node + " " + node));
        assertThatThrownBy(() -> new ProcessLimits(8, 4096, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
