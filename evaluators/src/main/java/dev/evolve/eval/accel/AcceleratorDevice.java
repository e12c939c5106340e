package dev.evolve.eval.accel;

import java.util.Locale;
import java.util.Objects;

/**
 * One device a backend can run kernels on, as discovery found it.
 *
 * @param backend            the backend's name, e.g. {@code opencl}
 * @param id                 stable within one machine and driver set, e.g. {@code 0:1} (platform 0, device 1)
 * @param platform           the platform or driver name, e.g. {@code Portable Computing Language}
 * @param name               the device name
 * @param type               {@code GPU}, {@code CPU}, {@code ACCELERATOR} or {@code OTHER}
 * @param computeUnits       compute units (cores of a CPU device, multiprocessors of a GPU)
 * @param globalMemoryBytes  global memory
 * @param localMemoryBytes   local (work-group shared) memory
 * @param maxWorkGroupSize   work-items per work-group at most
 * @param version            the device's language or API version, e.g. {@code OpenCL 3.0 PoCL}
 */
public record AcceleratorDevice(String backend, String id, String platform, String name, String type,
                                int computeUnits, long globalMemoryBytes, long localMemoryBytes,
                                long maxWorkGroupSize, String version) {

    public AcceleratorDevice {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(id, "id");
        platform = platform == null ? "" : platform.strip();
        name = name == null ? "" : name.strip();
        type = type == null ? "OTHER" : type;
        version = version == null ? "" : version.strip();
    }

    public boolean isGpu() {
        return "GPU".equals(type);
    }

    /** One line: id, platform, name, type, compute units, memories, work-group limit, version. */
    public String describe() {
        return String.format(Locale.ROOT, "%-5s %-32s %-44s %-4s %3d CU  global %s  local %s  max work-group %d  %s",
                id, platform, name, type, computeUnits, bytes(globalMemoryBytes), bytes(localMemoryBytes),
                maxWorkGroupSize, version);
    }

    private static String bytes(long b) {
        if (b >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        }
        if (b >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%d KiB", b >> 10);
    }
}
