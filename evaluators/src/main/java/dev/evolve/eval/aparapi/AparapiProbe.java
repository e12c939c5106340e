package dev.evolve.eval.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import dev.evolve.eval.accel.DriverProbe;
import dev.evolve.eval.opencl.OpenClWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether Aparapi finds an OpenCL device on this machine (for tests, to skip with a reason, and
 * diagnostics). Aparapi's native library and the OpenCL driver are loaded in a child JVM
 * ({@link DriverProbe}), never in the caller's.
 */
public final class AparapiProbe {

    private static final String READY = "ready";

    private AparapiProbe() {
    }

    /** Prints {@code ready}, or why no kernel can run on OpenCL in this JVM. */
    public static void main(String[] args) {
        DriverProbe.print(List.of(missingHere().orElse(READY)));
    }

    /** Why no kernel can run on OpenCL here, or empty when one can. */
    public static Optional<String> missingOpenCL() {
        var env = OpenClWorkers.environment(OpenClWorkers.defaultCacheDir()).variables(System.getenv());
        return switch (DriverProbe.run(AparapiProbe.class, List.of(), List.of("--enable-native-access=ALL-UNNAMED"),
                env, Duration.ofSeconds(60))) {
            case DriverProbe.Outcome.Printed p -> p.lines().contains(READY) ? Optional.empty()
                    : Optional.of(String.join(" ", p.lines()).strip());
            case DriverProbe.Outcome.Failed f -> Optional.of("Aparapi: " + f.reason());
        };
    }

    private static Optional<String> missingHere() {
        try {
            Device best = KernelManager.instance().bestDevice();
            if (best instanceof OpenCLDevice) {
                return Optional.empty();
            }
            return Optional.of("Aparapi finds no OpenCL device (its best device is "
                    + (best == null ? "none" : best.getShortDescription())
                    + "); install an OpenCL driver, e.g. the packages pocl-opencl-icd and ocl-icd-libopencl1");
        } catch (Throwable t) {
            return Optional.of("Aparapi cannot start: " + t);
        }
    }
}
