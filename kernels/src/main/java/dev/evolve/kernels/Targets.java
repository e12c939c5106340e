package dev.evolve.kernels;

import dev.evolve.kernels.dot.DotTarget;
import dev.evolve.kernels.histogram.HistogramTarget;
import dev.evolve.kernels.matmul.MatmulTarget;
import dev.evolve.kernels.matmulf32.MatmulF32Target;
import dev.evolve.kernels.matvec.MatvecTarget;
import dev.evolve.kernels.prefixsum.PrefixSumTarget;
import dev.evolve.kernels.softmax.SoftmaxTarget;
import dev.evolve.kernels.stencil.StencilTarget;
import dev.evolve.kernels.transpose.TransposeTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in targets, by name. */
public final class Targets {

    private static final Map<String, KernelTarget> BUILT_IN = index(List.of(
            new MatmulTarget(),
            new MatmulF32Target(),
            new MatvecTarget(),
            new StencilTarget(),
            new DotTarget(),
            new PrefixSumTarget(),
            new TransposeTarget(),
            new SoftmaxTarget(),
            new HistogramTarget()));

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
