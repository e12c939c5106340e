package dev.evolve.eval.testing;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.util.List;
import java.util.Set;

/**
 * The matmul target with only {@code allowedConstructs} (none: no parallel streams, no Vector API):
 * a fake at the KernelTarget seam, for the checks that must refuse what a target does not allow.
 */
public record RestrictedMatmul(Set<Construct> allowedConstructs) implements KernelTarget {

    private static final KernelTarget MATMUL = new MatmulTarget();

    public RestrictedMatmul {
        allowedConstructs = Set.copyOf(allowedConstructs);
    }

    @Override public String name() { return MATMUL.name(); }
    @Override public String description() { return MATMUL.description(); }
    @Override public String className() { return MATMUL.className(); }
    @Override public Class<?> kernelInterface() { return MATMUL.kernelInterface(); }
    @Override public String seedSource() { return MATMUL.seedSource(); }
    @Override public List<Integer> checkSizes() { return MATMUL.checkSizes(); }
    @Override public int timingSize() { return MATMUL.timingSize(); }
    @Override public Tolerance tolerance() { return MATMUL.tolerance(); }
    @Override public double flops(int size) { return MATMUL.flops(size); }
    @Override public Problem newProblem(int size, long seed) { return MATMUL.newProblem(size, seed); }
}
