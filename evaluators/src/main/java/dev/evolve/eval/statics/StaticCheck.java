package dev.evolve.eval.statics;

import dev.evolve.kernels.KernelTarget;
import java.util.List;

/**
 * The cheapest stage of the cascade: decides from the source text alone whether a variant may
 * be compiled and run at all.
 */
@FunctionalInterface
public interface StaticCheck {

    /**
     * The reasons to reject {@code source} as a variant of {@code target}, most important first;
     * empty when the variant may go on to compilation. Each reason names the line where it can.
     */
    List<String> violations(KernelTarget target, String source);
}
