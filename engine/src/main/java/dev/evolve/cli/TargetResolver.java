package dev.evolve.cli;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;

/** Turns a target argument into a target, or a usage error that lists the known names. */
final class TargetResolver {
    private TargetResolver() {
    }

    static KernelTarget resolve(String name) {
        try {
            return Targets.require(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
