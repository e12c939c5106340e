package dev.evolve.eval.testing;

import dev.evolve.eval.bytecode.ApiAllowlist;
import dev.evolve.eval.statics.StaticCheck;
import dev.evolve.kernels.KernelTarget;
import java.util.List;

/**
 * A static check that lets everything through, the class-file check behind it included: for tests
 * of the walls after them (the worker process, its deadlines, its environment), which must hold
 * for a candidate that got past both checks.
 */
public final class Unchecked implements StaticCheck {

    public static final StaticCheck CHECK = new Unchecked();

    private Unchecked() {
    }

    @Override
    public List<String> violations(KernelTarget target, String source) {
        return List.of();
    }

    @Override
    public ApiAllowlist allowlist(KernelTarget target) {
        return ApiAllowlist.permitAllForTesting();
    }
}
