package dev.evolve.kernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The built-in targets, by name, in the order of
 * {@code META-INF/services/dev.evolve.kernels.KernelTarget}: adding a built-in Java kernel is a
 * package of its own plus one line there. The registry is read through {@link ServiceLoader} so
 * that this package names none of the target packages (they all depend on it).
 */
public final class Targets {

    private static final Map<String, KernelTarget> BUILT_IN = index(ServiceLoader
            .load(KernelTarget.class, Targets.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
            .toList());

    private Targets() {
    }

    public static List<KernelTarget> all() {
        return List.copyOf(BUILT_IN.values());
    }

    public static Optional<KernelTarget> find(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    /** The target with this name, or an exception whose message lists the known names. */
    public static KernelTarget require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown target '" + name + "'; known targets: " + String.join(", ", BUILT_IN.keySet())));
    }

    /**
     * The same target timed at {@code timingSize} (for quick runs and tests). Workers find the
     * target by name and are told the size with each timing request.
     */
    public static KernelTarget withTimingSize(KernelTarget target, int timingSize) {
        KernelTarget base = target instanceof Resized r ? r.base() : target;
        return timingSize == base.timingSize() ? base : new Resized(base, timingSize);
    }

    /**
     * The target a {@link #withTimingSize} result was made from (the target itself otherwise):
     * the class a worker instantiates when the target is not found by name.
     */
    public static KernelTarget base(KernelTarget target) {
        return target instanceof Resized r ? r.base() : target;
    }

    private static Map<String, KernelTarget> index(List<KernelTarget> targets) {
        Map<String, KernelTarget> byName = new LinkedHashMap<>();
        for (KernelTarget t : targets) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalStateException("duplicate target name " + t.name());
            }
        }
        return byName;
    }
}
