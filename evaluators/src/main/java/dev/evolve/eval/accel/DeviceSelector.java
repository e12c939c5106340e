package dev.evolve.eval.accel;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks a device from a {@code --device} value:
 * <ul>
 *   <li>absent, blank or {@code default}: the first GPU, else the first device;</li>
 *   <li>an index {@code P:D} (platform P, device D, as {@code evolve devices} lists them);</li>
 *   <li>otherwise a case-insensitive part of the device name, the platform name or the device
 *       version (PoCL says so only there), e.g. {@code pocl}, {@code nvidia}: the first GPU among
 *       the matches, else the first match.</li>
 * </ul>
 * An index that does not exist or a name that matches nothing is an error whose message lists
 * the devices there are.
 *
 * <pre>{@code
 * AcceleratorDevice d = DeviceSelector.select(devices, "0:0");
 * }</pre>
 */
public final class DeviceSelector {

    private static final Pattern INDEX = Pattern.compile("\\d{1,6}:\\d{1,6}");

    private DeviceSelector() {
    }

    /**
     * The device {@code spec} names among {@code devices}.
     *
     * @throws IllegalArgumentException when nothing matches (the message lists every device)
     */
    public static AcceleratorDevice select(List<AcceleratorDevice> devices, String spec) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("there is no device to choose from");
        }
        String s = spec == null ? "" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("default")) {
            return firstGpuOrFirst(devices).orElseThrow();
        }
        if (INDEX.matcher(s).matches()) {
            return devices.stream().filter(d -> d.id().equals(canonical(s))).findFirst()
                    .orElseThrow(() -> unknown("no device with index " + s, devices));
        }
        String needle = s.toLowerCase(Locale.ROOT);
        List<AcceleratorDevice> matches = devices.stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(needle)
                        || d.platform().toLowerCase(Locale.ROOT).contains(needle)
                        || d.version().toLowerCase(Locale.ROOT).contains(needle))
                .toList();
        return firstGpuOrFirst(matches).orElseThrow(() -> unknown("no device or platform name contains '" + s + "'",
                devices));
    }

    /** "01:002" and "1:2" name the same device. */
    private static String canonical(String index) {
        String[] parts = index.split(":");
        return Integer.parseInt(parts[0]) + ":" + Integer.parseInt(parts[1]);
    }

    private static Optional<AcceleratorDevice> firstGpuOrFirst(List<AcceleratorDevice> devices) {
        return devices.stream().filter(AcceleratorDevice::isGpu).findFirst().or(() -> devices.stream().findFirst());
    }

    private static IllegalArgumentException unknown(String what, List<AcceleratorDevice> devices) {
        StringBuilder b = new StringBuilder(what).append("; the devices are:");
        for (AcceleratorDevice d : devices) {
            b.append("\n  ").append(d.id()).append("  ").append(d.platform()).append(" / ").append(d.name())
                    .append(" (").append(d.type()).append(")");
        }
        b.append("\nname one by index (P:D) or by part of its name, platform or version (e.g. pocl)");
        return new IllegalArgumentException(b.toString());
    }
}
