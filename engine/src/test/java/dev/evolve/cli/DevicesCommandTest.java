package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevicesCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
    }

    @Test
    void listsOneLinePerDeviceAndMarksTheDefault() {
        var cpu = new AcceleratorDevice("opencl", "0:0", "Portable Computing Language", "pthread-skylake", "CPU", 2,
                21L << 30, 4L << 20, 4096, "OpenCL 3.0 PoCL");
        var gpu = new AcceleratorDevice("opencl", "1:0", "NVIDIA CUDA", "NVIDIA H100", "GPU", 132, 80L << 30, 48L << 10,
                1024, "OpenCL 3.0 CUDA");
        int code = new CommandLine(new DevicesCommand(new FixedBackend(new Discovery.Devices(List.of(cpu, gpu))))).execute();
        assertThat(code).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("0:0").contains("Portable Computing Language", "pthread-skylake", "CPU",
                "2 CU", "global 21.0 GiB", "local 4.0 MiB", "max work-group 4096", "OpenCL 3.0 PoCL")
                .doesNotContain("(default)");
        assertThat(lines.get(1)).startsWith("1:0").contains("NVIDIA H100", "GPU", "132 CU").endsWith("(default)");
    }

    @Test
    void withoutAPlatformItSaysWhatToInstallAndExitsZero() {
        int code = new CommandLine(new DevicesCommand(new FixedBackend(new Discovery.Unavailable(
                "no OpenCL platform (the ICD loader reports CL_PLATFORM_NOT_FOUND_KHR)", "Install pocl-opencl-icd")))).execute();
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("opencl: no OpenCL platform (the ICD loader reports CL_PLATFORM_NOT_FOUND_KHR). Install pocl-opencl-icd\n");
    }

    /** With an OpenCL driver it lists this machine's devices; without a platform or the library, it says what to install. */
    @Test
    void theRealCommandListsThisMachine() {
        assertThat(EvolveCommand.execute("devices")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).satisfiesAnyOf(
                s -> assertThat(s).contains("(default)"),
                s -> assertThat(s).startsWith("opencl: ").contains("Install"));
    }
}
