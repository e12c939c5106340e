package dev.evolve.kernels.opencl;

import dev.evolve.kernels.roofline.Roofline;
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

    /**
     * The same target timed at {@code timingSize}; everything else is the target's own. Workers
     * find the target by name and are told the size with each timing request.
     */
    public static OpenClTarget withTimingSize(OpenClTarget target, int timingSize) {
        OpenClTarget base = target instanceof Resized r ? r.base() : target;
        return timingSize == base.timingSize() ? base : new Resized(base, timingSize);
    }

    /** A target timed at another size. */
    private record Resized(OpenClTarget base, int timingSize) implements OpenClTarget {
        Resized {
            if (timingSize < 1) {
                throw new IllegalArgumentException("timing size must be >= 1: " + timingSize);
            }
        }

        @Override public String name() { return base.name(); }
        @Override public String description() { return base.description() + " [timed at n=" + timingSize + "]"; }
        @Override public String seedSource() { return base.seedSource(); }
        @Override public String fileName() { return base.fileName(); }
        @Override public String kernelName() { return base.kernelName(); }
        @Override public List<Integer> checkSizes() { return base.checkSizes(); }
        @Override public dev.evolve.kernels.Tolerance tolerance() { return base.tolerance(); }
        @Override public double flops(int size) { return base.flops(size); }
        @Override public double bytes(int size) { return base.bytes(size); }
        @Override public Roofline roofline(int size) { return base.roofline(size); }
        @Override public List<Knob> knobs() { return base.knobs(); }
        @Override public List<String> knobRules(Knobs knobs) { return base.knobRules(knobs); }
        @Override public NdRange range(Knobs knobs, int size) { return base.range(knobs, size); }
        @Override public OpenClProblem newProblem(int size, long seed) { return base.newProblem(size, seed); }
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
