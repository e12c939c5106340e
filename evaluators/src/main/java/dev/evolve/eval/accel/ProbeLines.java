package dev.evolve.eval.accel;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Discovery} as lines of tab-separated fields, the answer a {@link DriverProbe} child
 * prints: {@code device} lines with every field of an {@link AcceleratorDevice}, or one
 * {@code unavailable} line with reason and remedy. Lines with another first field (a driver's own
 * chatter on standard output) are ignored. Tabs and line breaks inside a field become spaces.
 */
public final class ProbeLines {

    private static final String DEVICE = "device";
    private static final String UNAVAILABLE = "unavailable";
    private static final int DEVICE_FIELDS = 11;

    private ProbeLines() {
    }

    /** The lines for {@code discovery}. */
    public static List<String> write(Discovery discovery) {
        return switch (discovery) {
            case Discovery.Devices d -> d.devices().stream().map(ProbeLines::line).toList();
            case Discovery.Unavailable u -> List.of(join(UNAVAILABLE, u.reason(), u.remedy()));
        };
    }

    /**
     * The discovery these lines describe; {@link Discovery.Unavailable} with {@code remedy} when they
     * describe none or cannot be read.
     */
    public static Discovery read(List<String> lines, String remedy) {
        List<AcceleratorDevice> devices = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f[0].equals(UNAVAILABLE) && f.length == 3) {
                return new Discovery.Unavailable(f[1], f[2]);
            }
            if (f[0].equals(DEVICE)) {
                if (f.length != DEVICE_FIELDS) {
                    return new Discovery.Unavailable("the device probe printed a malformed line: " + line, remedy);
                }
                try {
                    devices.add(new AcceleratorDevice(f[1], f[2], f[3], f[4], f[5], Integer.parseInt(f[6]),
                            Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), f[10]));
                } catch (NumberFormatException e) {
                    return new Discovery.Unavailable("the device probe printed a malformed line: " + line, remedy);
                }
            }
        }
        return devices.isEmpty()
                ? new Discovery.Unavailable("the device probe reported nothing", remedy)
                : new Discovery.Devices(devices);
    }

    private static String line(AcceleratorDevice d) {
        return join(DEVICE, d.backend(), d.id(), d.platform(), d.name(), d.type(), Integer.toString(d.computeUnits()),
                Long.toString(d.globalMemoryBytes()), Long.toString(d.localMemoryBytes()),
                Long.toString(d.maxWorkGroupSize()), d.version());
    }

    private static String join(String... fields) {
        List<String> clean = new ArrayList<>();
        for (String f : fields) {
            clean.add(f.replaceAll("[\\t\\r\\n]", " "));
        }
        return String.join("\t", clean);
    }
}
