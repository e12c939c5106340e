package dev.evolve.eval.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenClDevicesTest {

    @Test
    void listsTheMachinesDevicesWithTheirLimits() {
        AcceleratorDevice device = OpenClTestDevice.require();
        var all = ((Discovery.Devices) OpenClDevices.discover()).devices();
        assertThat(all).contains(device);
        assertThat(all).allSatisfy(d -> {
            assertThat(d.backend()).isEqualTo("opencl");
            assertThat(d.id()).matches("\\d+:\\d+");
            assertThat(d.name()).isNotBlank();
            assertThat(d.computeUnits()).isPositive();
            assertThat(d.globalMemoryBytes()).isPositive();
            assertThat(d.maxWorkGroupSize()).isPositive();
            assertThat(d.version()).startsWith("OpenCL");
            assertThat(d.describe()).startsWith(d.id()).contains(d.name());
        });
    }

    /** A process whose ICD loader finds no vendor says so instead of failing. */
    @Test
    void withoutAPlatformDiscoverySaysWhatToInstall(@TempDir Path noVendors) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var builder = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), OpenClDevices.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("OCL_ICD_VENDORS", noVendors.toString());
        builder.environment().remove("OCL_ICD_FILENAMES");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).containsAnyOf("no OpenCL platform", "could not be loaded").contains("pocl-opencl-icd");
    }
}
