package dev.evolve.kernels.aparapi;

import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import java.util.List;

/** An Aparapi target timed at another size; everything else is the underlying target's. */
record ResizedAparapiTarget(AparapiTarget base, int timingSize) implements AparapiTarget {

    ResizedAparapiTarget {
        if (timingSize < 1) {
            throw new IllegalArgumentException("timing size must be >= 1: " + timingSize);
        }
    }

    @Override public String name() { return base.name(); }
    @Override public String description() { return base.description() + " [timed at n=" + timingSize + "]"; }
    @Override public String language() { return base.language(); }
    @Override public String className() { return base.className(); }
    @Override public Class<?> kernelInterface() { return base.kernelInterface(); }
    @Override public String seedSource() { return base.seedSource(); }
    @Override public List<Integer> checkSizes() { return base.checkSizes(); }
    @Override public Tolerance tolerance() { return base.tolerance(); }
    @Override public double flops(int size) { return base.flops(size); }
    @Override public double bytes(int size) { return base.bytes(size); }
    @Override public Roofline roofline(int size) { return base.roofline(size); }
    @Override public Problem newProblem(int size, long seed) { return base.newProblem(size, seed); }
}
