package dev.evolve.eval.accel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceSelectorTest {

    private static AcceleratorDevice device(String id, String platform, String name, String type, String version) {
        return new AcceleratorDevice("opencl", id, platform, name, type, 8, 1L << 33, 1L << 16, 1024, version);
    }

    private static final AcceleratorDevice POCL = device("0:0", "Portable Computing Language", "pthread-skylake", "CPU",
            "OpenCL 3.0 PoCL HSTR: pthread-x86_64");
    private static final AcceleratorDevice NVIDIA = device("1:0", "NVIDIA CUDA", "NVIDIA H100", "GPU", "OpenCL 3.0 CUDA");
    private static final AcceleratorDevice NVIDIA2 = device("1:1", "NVIDIA CUDA", "NVIDIA L4", "GPU", "OpenCL 3.0 CUDA");
    private static final List<AcceleratorDevice> ALL = List.of(POCL, NVIDIA, NVIDIA2);

    @Test
    void defaultIsTheFirstGpuElseTheFirstDevice() {
        assertThat(DeviceSelector.select(ALL, null)).isEqualTo(NVIDIA);
        assertThat(DeviceSelector.select(ALL, " ")).isEqualTo(NVIDIA);
        assertThat(DeviceSelector.select(ALL, "default")).isEqualTo(NVIDIA);
        assertThat(DeviceSelector.select(List.of(POCL), null)).isEqualTo(POCL);
    }

    @Test
    void indexOrCaseInsensitivePartOfTheName() {
        assertThat(DeviceSelector.select(ALL, "0:0")).isEqualTo(POCL);
        assertThat(DeviceSelector.select(ALL, "01:001")).isEqualTo(NVIDIA2);
        assertThat(DeviceSelector.select(ALL, "pocl")).isEqualTo(POCL);           // PoCL says so in its version only
        assertThat(DeviceSelector.select(ALL, "Computing")).isEqualTo(POCL);      // part of the platform name
        assertThat(DeviceSelector.select(ALL, "nvidia")).isEqualTo(NVIDIA);
        assertThat(DeviceSelector.select(ALL, "l4")).isEqualTo(NVIDIA2);
    }

    @Test
    void nothingMatchingListsWhatThereIs() {
        assertThatThrownBy(() -> DeviceSelector.select(ALL, "2:0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no device with index 2:0")
                .hasMessageContaining("0:0  Portable Computing Language / pthread-skylake (CPU)")
                .hasMessageContaining("1:1  NVIDIA CUDA / NVIDIA L4 (GPU)");
        assertThatThrownBy(() -> DeviceSelector.select(ALL, "amd"))
                .hasMessageContaining("no device or platform name contains 'amd'")
                .hasMessageContaining("1:0  NVIDIA CUDA / NVIDIA H100");
    }
}
