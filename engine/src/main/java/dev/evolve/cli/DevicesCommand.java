package dev.evolve.cli;

import dev.evolve.eval.accel.AcceleratorBackend;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.DeviceSelector;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.opencl.OpenClBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code evolve devices}: the OpenCL platforms and devices of this machine, one line each, the
 * one {@code --device} picks by default marked. With no OpenCL platform it says so and what to
 * install, and exits 0: the listing itself succeeded, and found nothing.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the OpenCL devices (index P:D, platform, name, type, compute units, global and local "
                + "memory, max work-group size, version), one line each; the default device is marked.",
                "With no OpenCL platform it says so and what to install, and exits 0."})
final class DevicesCommand implements Callable<Integer> {

    private final AcceleratorBackend backend;

    DevicesCommand() {
        this(new OpenClBackend());
    }

    DevicesCommand(AcceleratorBackend backend) {
        this.backend = backend;
    }

    @Override
    public Integer call() {
        switch (backend.discover()) {
            case Discovery.Devices found -> {
                AcceleratorDevice chosen = DeviceSelector.select(found.devices(), null);
                for (AcceleratorDevice d : found.devices()) {
                    System.out.println(d.describe() + (d.equals(chosen) ? "  (default)" : ""));
                }
            }
            case Discovery.Unavailable none -> System.out.println(backend.name() + ": " + none.message());
        }
        System.out.flush();
        return ExitCode.OK.code;
    }
}
