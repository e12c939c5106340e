package dev.evolve.kernels;

import dev.evolve.kernels.roofline.Roofline;
import java.util.List;
import java.util.Set;

/** A target timed at another size; everything else is the underlying target's. */
record Resized(KernelTarget base, int timingSize) implements KernelTarget {

    Resized {
        if (timingSize < 1) {
            throw new IllegalArgumentException("timing size must be >= 1: " + timingSize);
        }
    }

    @Override public String name() { return base.name(); }
    @Override public String description() { return base.description() + " [timed at n=" + timingSize + "]"; }
    @Override public String className() { return base.className(); }
    @Override public Class<?> kernelInterface() { return base.kernelInterface(); }
    @Override public String seedSource() { return base.seedSource(); }
    @Override public List<Integer> checkSizes() { return base.checkSizes(); }
    @Override public Tolerance tolerance() { return base.tolerance(); }
    @Override public double flops(int size) { return base.flops(size); }
    @Override public double bytes(int size) { return base.bytes(size); }
    @Override public Roofline roofline(int size) { return base.roofline(size); }
    @Override public Set<Construct> allowedConstructs() { return base.allowedConstructs(); }
    @Override public Problem newProblem(int size, long seed) { return base.newProblem(size, seed); }
}
