package dev.evolve.engine.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a report is made on (a run folder does not record its machine; runs and their reports
 * are normally made on the same one).
 *
 * @param cores    processors available to the JVM
 * @param cpuModel the {@code model name} of {@code /proc/cpuinfo}, or {@code "unknown"}
 * @param jdk      vendor and version of the running JDK
 * @param os       operating system name, version and architecture
 */
public record Machine(int cores, String cpuModel, String jdk, String os) {

    /** This machine. */
    public static Machine detect() {
        String cpuinfo;
        try {
            Path file = Path.of("/proc/cpuinfo");
            cpuinfo = Files.isReadable(file) ? Files.readString(file) : "";
        } catch (IOException | UncheckedIOException e) {
            cpuinfo = "";
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(cpuinfo),
                System.getProperty("java.vm.vendor", "unknown vendor") + " " + Runtime.version(),
                System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " "
                        + System.getProperty("os.arch", ""));
    }

    /** The first {@code model name} of a {@code /proc/cpuinfo} text, or {@code "unknown"}. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                String model = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                return model.isEmpty() ? "unknown" : model;
            }
        }
        return "unknown";
    }
}
