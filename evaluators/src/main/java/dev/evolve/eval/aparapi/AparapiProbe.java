package dev.evolve.eval.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import java.util.Optional;

/**
 * Whether Aparapi finds an OpenCL device in this JVM. It loads Aparapi's native library and the
 * OpenCL driver into the calling JVM, so it is for tests (to skip with a reason) and diagnostics;
 * the engine itself leaves OpenCL to its workers.
 */
public final class AparapiProbe {

    private AparapiProbe() {
    }

    /** The device Aparapi would run kernels on, described, or empty when it has no OpenCL device. */
    public static Optional<String> openCLDevice() {
        return device().map(d -> d.getShortDescription() + " (" + d.getName() + ")");
    }

    /** Why no kernel can run on OpenCL here, or empty when one can. */
    public static Optional<String> missingOpenCL() {
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

    private static Optional<OpenCLDevice> device() {
        try {
            return KernelManager.instance().bestDevice() instanceof OpenCLDevice cl ? Optional.of(cl) : Optional.empty();
        } catch (Throwable t) {
            return Optional.empty();
        }
    }
}
