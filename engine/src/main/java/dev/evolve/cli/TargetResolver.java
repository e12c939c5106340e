package dev.evolve.cli;

import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;

/** Turns a target argument into a target, or a usage error that says what is wrong and what exists. */
final class TargetResolver {
    private TargetResolver() {
    }

    static Target resolve(String name) {
        return resolve(name, null);
    }

    /** The target, timed at {@code timingSize} instead of its default when given. */
    static Target resolve(String name, Integer timingSize) {
        try {
            return TargetCatalog.resolve(name, timingSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
