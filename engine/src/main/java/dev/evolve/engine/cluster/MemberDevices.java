package dev.evolve.engine.cluster;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.opencl.OpenClDevices;
import java.util.List;

/**
 * The OpenCL devices a worker member advertises: listed once at its start by
 * {@link OpenClDevices#discover()}, which loads the driver in a child JVM, never in the member's
 * (a driver that crashes or hangs there costs the listing, not the member). A member without a
 * driver or a device advertises none and is given no target that needs one.
 *
 * @param devices one short line per device: id, name, type
 */
public record MemberDevices(List<String> devices) {

    /** A member that did not look, or found nothing. */
    public static final MemberDevices NONE = new MemberDevices(List.of());

    public MemberDevices {
        devices = List.copyOf(devices);
        if (devices.stream().anyMatch(d -> d.isBlank() || d.contains("|"))) {
            throw new IllegalArgumentException("a device line must be non-blank and hold no '|'");
        }
    }

    /** The devices of this machine (none when OpenCL is unavailable); never throws. */
    public static MemberDevices discover() {
        return switch (OpenClDevices.discover()) {
            case Discovery.Devices d -> new MemberDevices(d.devices().stream().map(MemberDevices::line).toList());
            case Discovery.Unavailable u -> NONE;
        };
    }

    private static String line(AcceleratorDevice d) {
        return (d.id() + " " + d.name() + " " + d.type()).replace('|', '/').strip();
    }

    int count() {
        return devices.size();
    }

    /** The member attribute's text: the lines joined with {@code |}. */
    String attribute() {
        return String.join("|", devices);
    }
}
