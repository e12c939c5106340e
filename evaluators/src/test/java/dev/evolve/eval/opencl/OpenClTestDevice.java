package dev.evolve.eval.opencl;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.DeviceSelector;
import dev.evolve.eval.accel.Discovery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The OpenCL device tests run on, or a skipped test that says why. {@code EVOLVE_OPENCL_DEVICE}
 * chooses the device ({@code --device} syntax); the default is the first GPU, else the first device.
 */
final class OpenClTestDevice {

    private static Path cache;

    private OpenClTestDevice() {
    }

    /** The device; aborts (skips) the calling test when this machine has no OpenCL platform. */
    static AcceleratorDevice require() {
        return find().orElseGet(() -> {
            Assumptions.abort("OpenCL test skipped: " + why());
            return null;
        });
    }

    /** The device, or empty when this machine has no OpenCL platform. */
    static Optional<AcceleratorDevice> find() {
        if (OpenClDevices.discover() instanceof Discovery.Devices d) {
            return Optional.of(DeviceSelector.select(d.devices(), System.getenv("EVOLVE_OPENCL_DEVICE")));
        }
        return Optional.empty();
    }

    /** Why there is no device (empty when there is one). */
    static String why() {
        return OpenClDevices.discover() instanceof Discovery.Unavailable u ? u.message() : "";
    }

    /** A kernel cache private to this test JVM (deleted on exit), so tests never read a stale one. */
    static synchronized Path cacheDir() {
        if (cache == null) {
            try {
                cache = Files.createTempDirectory("evolve-pocl-test-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = cache;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.evolve.eval.Folders.deleteQuietly(dir)));
        }
        return cache;
    }
}
