package dev.evolve.eval.aparapi;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.aparapi.AparapiTarget;
import dev.evolve.kernels.aparapi.MatmulAparapiTarget;
import dev.evolve.kernels.aparapi.MatvecAparapiTarget;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An {@link AparapiTarget} seen as a {@link KernelTarget}, so that the Java cascade and its
 * workers judge it unchanged: same seed, class, sizes and tolerance, no constructs beyond plain
 * Java, and problems that accept a result only from an OpenCL device ({@link OnOpenCLProblem}).
 *
 * <p>A worker instantiates the target's class with its no-arg constructor, so each Aparapi target
 * has a subclass here ({@link Matmul}, {@link Matvec}). Constructed inside a worker JVM (where
 * {@code evolve.worker.dir} is set), it starts Aparapi and the OpenCL driver, so that this cost
 * falls on the first compilation of a worker rather than on a candidate's check.
 */
public abstract class OpenCLKernelTarget implements KernelTarget {

    private static final Map<String, Supplier<OpenCLKernelTarget>> BY_NAME = Map.of(
            "matmul-aparapi", Matmul::new,
            "matvec-aparapi", Matvec::new);

    private final AparapiTarget target;

    protected OpenCLKernelTarget(AparapiTarget target) {
        this.target = target.base();
        if (System.getProperty("evolve.worker.dir") != null) {
            AparapiRuntime.start();
        }
    }

    /**
     * The kernel target for {@code target}, timed at its timing size.
     *
     * @throws IllegalArgumentException when no worker adapter exists for it
     */
    public static KernelTarget of(AparapiTarget target) {
        Supplier<OpenCLKernelTarget> adapter = BY_NAME.get(target.name());
        if (adapter == null) {
            throw new IllegalArgumentException("no OpenCL evaluation is set up for Aparapi target '" + target.name()
                    + "'; add a subclass of " + OpenCLKernelTarget.class.getSimpleName());
        }
        return Targets.withTimingSize(adapter.get(), target.timingSize());
    }

    /** The Aparapi target this adapts. */
    public AparapiTarget aparapiTarget() {
        return target;
    }

    @Override public String name() { return target.name(); }
    @Override public String description() { return target.description(); }
    @Override public String className() { return target.className(); }
    @Override public Class<?> kernelInterface() { return target.kernelInterface(); }
    @Override public String seedSource() { return target.seedSource(); }
    @Override public List<Integer> checkSizes() { return target.checkSizes(); }
    @Override public int timingSize() { return target.timingSize(); }
    @Override public Tolerance tolerance() { return target.tolerance(); }
    @Override public double flops(int size) { return target.flops(size); }
    @Override public double bytes(int size) { return target.bytes(size); }

    /** None: Aparapi translates plain Java only (no streams, no Vector API). */
    @Override public Set<Construct> allowedConstructs() { return Set.of(); }

    @Override
    public Problem newProblem(int size, long seed) {
        return new OnOpenCLProblem(target.newProblem(size, seed));
    }

    /** {@code matmul-aparapi}. */
    public static final class Matmul extends OpenCLKernelTarget {
        public Matmul() {
            super(new MatmulAparapiTarget());
        }
    }

    /** {@code matvec-aparapi}. */
    public static final class Matvec extends OpenCLKernelTarget {
        public Matvec() {
            super(new MatvecAparapiTarget());
        }
    }
}
