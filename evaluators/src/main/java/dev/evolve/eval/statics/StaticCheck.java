package dev.evolve.eval.statics;

import dev.evolve.eval.bytecode.ApiAllowlist;
import dev.evolve.kernels.KernelTarget;
import java.util.List;

/**
 * The cheapest stage of the cascade: decides from the source text alone whether a variant may
 * be compiled and run at all. It is the fast first pass with friendly, line-numbered reasons;
 * the wall behind it is the class-file check on what the variant compiles to, against
 * {@link #allowlist(KernelTarget)}, which the cascade runs whatever this check says.
 */
@FunctionalInterface
public interface StaticCheck {

    /**
     * The reasons to reject {@code source} as a variant of {@code target}, most important first;
     * empty when the variant may go on to compilation. Each reason names the line where it can.
     */
    List<String> violations(KernelTarget target, String source);

    /** What the compiled classes of a variant of {@code target} may reference: a Java kernel's allowlist unless overridden. */
    default ApiAllowlist allowlist(KernelTarget target) {
        return ApiAllowlist.javaKernel(target);
    }
}
