package dev.evolve.eval.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeLinesTest {

    private static final AcceleratorDevice CPU = new AcceleratorDevice("opencl", "0:0", "Portable Computing Language",
            "cpu-haswell-Intel(R) Xeon(R)", "CPU", 2, 8L << 30, 4L << 20, 4096, "OpenCL 3.0 PoCL");
    private static final AcceleratorDevice GPU = new AcceleratorDevice("opencl", "1:0", "NVIDIA CUDA",
            "NVIDIA H100\tPCIe", "GPU", 132, 80L << 30, 48L << 10, 1024, "OpenCL 3.0 CUDA");

    @Test
    void devicesGoThroughLinesUnchangedExceptForTabsInAName() {
        var read = ProbeLines.read(ProbeLines.write(new Discovery.Devices(List.of(CPU, GPU))), "remedy");
        assertThat(read).isInstanceOfSatisfying(Discovery.Devices.class, d -> {
            assertThat(d.devices().get(0)).isEqualTo(CPU);
            assertThat(d.devices().get(1).name()).isEqualTo("NVIDIA H100 PCIe");
            assertThat(d.devices().get(1).computeUnits()).isEqualTo(132);
        });
    }

    @Test
    void aReasonAndItsRemedyComeBack() {
        var none = new Discovery.Unavailable("no OpenCL platform", "install pocl");
        assertThat(ProbeLines.read(ProbeLines.write(none), "other")).isEqualTo(none);
    }

    @Test
    void aDriversChatterOnStandardOutputIsIgnored() {
        List<String> lines = new ArrayList<>(List.of("pocl warning: something", ""));
        lines.addAll(ProbeLines.write(new Discovery.Devices(List.of(CPU))));
        assertThat(ProbeLines.read(lines, "remedy")).isEqualTo(new Discovery.Devices(List.of(CPU)));
    }

    @Test
    void nothingOrAMalformedLineIsUnavailableWithTheRemedy() {
        assertThat(ProbeLines.read(List.of(), "install pocl"))
                .isEqualTo(new Discovery.Unavailable("the device probe reported nothing", "install pocl"));
        assertThat(ProbeLines.read(List.of("device\topencl\t0:0\tp\tn\tCPU\ttwo\t1\t1\t1\tv"), "install pocl"))
                .isInstanceOfSatisfying(Discovery.Unavailable.class,
                        u -> assertThat(u.reason()).contains("malformed").contains("two"));
    }
}
