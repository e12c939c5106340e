package dev.evolve.engine.target;

import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.aparapi.AparapiTargets;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every target the command line accepts, and how a target argument resolves: the name of a
 * built-in target, or a folder holding a target of the user's own.
 *
 * <pre>{@code
 * Target t = TargetCatalog.resolve("matmul", null);     // built in, timed at its own size
 * Target big = TargetCatalog.resolve("matmul", 1024);   // timed at n = 1024
 * Target mine = TargetCatalog.resolve("kernels/examples/saxpy", null);   // a folder with target.yaml
 * }</pre>
 */
public final class TargetCatalog {

    private TargetCatalog() {
    }

    /** The built-in targets, in the order {@code evolve targets} lists them. */
    public static List<Target> builtIns() {
        List<Target> all = new ArrayList<>(Targets.all());
        all.addAll(AparapiTargets.all());
        all.addAll(OpenClTargets.all());
        return List.copyOf(all);
    }

    /**
     * The target {@code spec} names, timed at {@code timingSize} when given.
     *
     * @throws IllegalArgumentException with a message fit for the user: what is wrong and what exists
     */
    public static Target resolve(String spec, Integer timingSize) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("a target is required; known targets: " + names());
        }
        Target target = builtIns().stream().filter(t -> t.name().equals(spec)).findFirst()
                .orElseGet(() -> folder(spec));
        return resized(target, timingSize);
    }

    /** The target {@code spec} names at its own timing size, or empty when it names none (no error message). */
    public static java.util.Optional<Target> find(String spec) {
        try {
            return java.util.Optional.of(resolve(spec, null));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }

    /** {@code target} timed at {@code timingSize} instead of its own size (null: unchanged). */
    public static Target resized(Target target, Integer timingSize) {
        if (timingSize == null || timingSize == target.timingSize()) {
            return target;
        }
        if (timingSize < 1) {
            throw new IllegalArgumentException("the timing size must be >= 1, was " + timingSize);
        }
        return target.withTimingSize(timingSize);        // each kind resizes itself; a scored program refuses
    }

    /**
     * The target defined by the folder {@code spec} names (see {@link TargetSpecs}); a built-in name
     * wins over a folder of the same name ({@code ./matmul} names the folder).
     */
    private static Target folder(String spec) {
        java.nio.file.Path dir;
        try {
            dir = java.nio.file.Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            dir = null;
        }
        if (dir == null || !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException("unknown target '" + spec + "'; known targets: " + names()
                    + ", or a target folder holding " + TargetSpecs.FILE);
        }
        return TargetSpecs.load(dir);
    }

    private static String names() {
        return String.join(", ", builtIns().stream().map(Target::name).toList());
    }
}
