package dev.evolve.cli;

import dev.evolve.eval.accel.NoDeviceException;
import dev.evolve.eval.opencl.OpenClBackend;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.opencl.OpenClTarget;

/** The {@code --device} option of {@code run}: checked before a run folder is made. */
final class Devices {

    private Devices() {
    }

    /**
     * Null when {@code device} suits {@code target}: an OpenCL target with a device this machine
     * has (null: the default one), or another target without {@code --device}. Otherwise a usage
     * error is thrown, or, when the machine has no OpenCL device, the reason is printed and the
     * exit code returned.
     */
    static Integer check(Target target, String device) {
        if (!(target instanceof OpenClTarget)) {
            if (device != null) {
                throw new UsageException("--device applies to OpenCL targets; '" + target.name() + "' is "
                        + target.language());
            }
            return null;
        }
        try {
            new OpenClBackend().select(device);
            return null;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (NoDeviceException e) {
            System.err.println("evolve: " + e.getMessage());
            return ExitCode.FAILURE.code;
        }
    }
}
