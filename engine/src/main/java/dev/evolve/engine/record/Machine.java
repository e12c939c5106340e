package dev.evolve.engine.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run ran on, recorded in its {@code run.json} when the folder is created (reports
 * of older folders fall back to the machine the report is made on).
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

    /** As stored in {@code run.json}. */
    public java.util.Map<String, Object> toMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("cores", cores);
        m.put("cpu_model", cpuModel);
        m.put("jdk", jdk);
        m.put("os", os);
        return m;
    }

    /** The machine stored in a {@code run.json}'s {@code machine} object, or empty when absent or incomplete. */
    public static java.util.Optional<Machine> fromJson(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || !node.path("cores").isInt() || !node.path("cpu_model").isTextual()
                || !node.path("jdk").isTextual() || !node.path("os").isTextual()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Machine(node.get("cores").asInt(), node.get("cpu_model").asText(),
                node.get("jdk").asText(), node.get("os").asText()));
    }

    /** The first {@code model name} of a {@code /proc/cpuinfo} text, or {@code "unknown"}. */
    public static String cpuModel(String cpuinfo) {
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
