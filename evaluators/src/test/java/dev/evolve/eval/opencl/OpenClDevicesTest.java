package dev.evolve.eval.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import java.nio.file.Path;
import java.util.HashMap;
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

    /** An ICD loader that finds no vendor says so, with what to install, instead of failing. */
    @Test
    void withoutAPlatformDiscoverySaysWhatToInstall(@TempDir Path noVendors) {
        var env = new HashMap<>(System.getenv());
        env.put("OCL_ICD_VENDORS", noVendors.toString());
        env.remove("OCL_ICD_FILENAMES");
        assertThat(OpenClDevices.discover(env)).isInstanceOfSatisfying(Discovery.Unavailable.class,
                u -> assertThat(u.message()).containsAnyOf("no OpenCL platform", "could not be loaded")
                        .contains("pocl-opencl-icd"));
    }
}
