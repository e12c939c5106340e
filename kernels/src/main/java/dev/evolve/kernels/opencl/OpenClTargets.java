package dev.evolve.kernels.opencl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in OpenCL C targets, by name. */
public final class OpenClTargets {

    private static final Map<String, OpenClTarget> BUILT_IN = index(List.of(
            new MatmulOpenClTarget(),
            new MatvecOpenClTarget(),
            new TransposeOpenClTarget()));

    private OpenClTargets() {
    }

    public static List<OpenClTarget> all() {
        return List.copyOf(BUILT_IN.values());
    }

    public static Optional<OpenClTarget> find(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    /** The target with this name, or an exception whose message lists the known names. */
    public static OpenClTarget require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown OpenCL target '" + name + "'; known: " + String.join(", ", BUILT_IN.keySet())));
    }

    private static Map<String, OpenClTarget> index(List<OpenClTarget> targets) {
        Map<String, OpenClTarget> byName = new LinkedHashMap<>();
        for (OpenClTarget t : targets) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalStateException("duplicate target name " + t.name());
            }
        }
        return byName;
    }
}
