package dev.evolve.cli;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.matmul.MatmulTarget;

/** Turns a target argument into a target, or a usage error that lists the known names. */
final class TargetResolver {
    private TargetResolver() {
    }

    static KernelTarget resolve(String name) {
        return resolve(name, null);
    }

    /** The target, timed at {@code timingSize} instead of its default when given. */
    static KernelTarget resolve(String name, Integer timingSize) {
        KernelTarget target;
        try {
            target = Targets.require(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (timingSize == null || timingSize == target.timingSize()) {
            return target;
        }
        if (timingSize < 1) {
            throw new UsageException("the timing size must be >= 1, was " + timingSize);
        }
        return Targets.withTimingSize(target, timingSize);
    }
}
