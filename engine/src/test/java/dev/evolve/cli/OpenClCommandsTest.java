package dev.evolve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.opencl.OpenClDevices;
import dev.evolve.kernels.opencl.OpenClTargets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} and {@code run} of OpenCL targets: options, files, and one real evaluation. */
class OpenClCommandsTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private static void requireOpenCl() {
        if (OpenClDevices.discover() instanceof Discovery.Unavailable u) {
            Assumptions.abort("OpenCL test skipped: " + u.message());
        }
    }

    @Test
    void optionsAndFilesThatDoNotFitTheTargetAreUsageErrors() throws Exception {
        Path cl = Files.writeString(dir.resolve("matmul.cl"), OpenClTargets.require("matmul-opencl").seedSource());
        Path java = Files.writeString(dir.resolve("Matmul.java"), "class Matmul {}");
        assertThat(EvolveCommand.execute("eval", "matmul-opencl", java.toString())).isEqualTo(2);
        assertThat(console.err()).contains("not a .cl file");
        assertThat(EvolveCommand.execute("eval", "matmul", cl.toString())).isEqualTo(2);
        assertThat(EvolveCommand.execute("eval", "matmul", java.toString(), "--device", "0:0")).isEqualTo(2);
        assertThat(console.err()).contains("--device applies to OpenCL targets");
        assertThat(EvolveCommand.execute("run", "matmul", "--iterations", "1", "--device", "0:0", "--out",
                dir.resolve("r").toString())).isEqualTo(2);
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void anUnknownDeviceListsTheDevicesAndStartsNothing() {
        requireOpenCl();
        assertThat(EvolveCommand.execute("run", "matmul-opencl", "--iterations", "1", "--device", "9:9", "--out",
                dir.resolve("r").toString())).isEqualTo(2);
        assertThat(console.err()).contains("no device with index 9:9").contains("0:0");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void evalJudgesAClFileOnTheDevice() throws Exception {
        requireOpenCl();
        String seed = OpenClTargets.require("matmul-opencl").seedSource();
        Path cl = Files.writeString(dir.resolve("matmul.cl"), seed.replace("#define LOCAL_X 8", "#define LOCAL_X 16"));
        assertThat(EvolveCommand.execute("eval", "matmul-opencl", cl.toString(), "--json", "--timing-size", "64",
                "--workers", "1")).isZero();
        List<String> lines = console.out().lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.getLast());
        assertThat(json.path("target").asText()).isEqualTo("matmul-opencl");
        assertThat(json.path("status").asText()).isEqualTo("measured");
        assertThat(json.path("size").asInt()).isEqualTo(64);
        assertThat(json.path("gflops").asDouble()).isPositive();
    }
}
