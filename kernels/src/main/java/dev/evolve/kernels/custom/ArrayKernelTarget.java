package dev.evolve.kernels.custom;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A custom array kernel judged by the Java cascade like a built-in target: variants implement
 * {@link ArrayKernel}, inputs are drawn from the spec's ranges, and the expected output comes from
 * the user's trusted reference.
 *
 * <p>The engine holds the target without a reference ({@link #describing}): it needs the seed, the
 * sizes and the counts, and never runs user code. A worker process compiles the reference from the
 * spec and builds the target with it ({@link #withReference}); only then can it make problems.
 *
 * <pre>{@code
 * ArrayKernelTarget engineSide = ArrayKernelTarget.describing(spec);
 * ArrayKernelTarget inWorker = engineSide.withReference(referenceInstance);
 * Problem p = inWorker.newProblem(17, 42L);
 * }</pre>
 */
public final class ArrayKernelTarget implements KernelTarget {

    private final ArrayKernelSpec spec;
    private final ArrayKernel reference;
    private final SizeExpression flops;
    private final SizeExpression bytes;

    private ArrayKernelTarget(ArrayKernelSpec spec, ArrayKernel reference) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.reference = reference;
        this.flops = SizeExpression.parse(spec.flops());
        this.bytes = spec.bytes() == null ? null : SizeExpression.parse(spec.bytes());
    }

    /** The target as the engine holds it: everything but the ability to make problems. */
    public static ArrayKernelTarget describing(ArrayKernelSpec spec) {
        return new ArrayKernelTarget(spec, null);
    }

    /** The same target with its trusted reference loaded, as a worker builds it. */
    public ArrayKernelTarget withReference(ArrayKernel trustedReference) {
        return new ArrayKernelTarget(spec, Objects.requireNonNull(trustedReference, "trustedReference"));
    }

    public ArrayKernelSpec spec() {
        return spec;
    }

    /** The trusted reference, or null where it is not loaded (the engine's own process). */
    public ArrayKernel reference() {
        return reference;
    }

    @Override public String name() { return spec.name(); }

    @Override public String description() {
        return (spec.description().isEmpty() ? "custom array kernel " + spec.name() : spec.description())
                + " (timed at n=" + timingSize() + ")";
    }

    @Override public String className() { return spec.className(); }

    @Override public Class<?> kernelInterface() { return ArrayKernel.class; }

    @Override public String seedSource() { return spec.seedSource(); }

    @Override public List<Integer> checkSizes() { return spec.checkSizes(); }

    @Override public int timingSize() { return spec.timingSize(); }

    @Override public Tolerance tolerance() { return new Tolerance(spec.relativeTolerance(), spec.absoluteTolerance()); }

    @Override public double flops(int n) {
        double v = flops.at(n);
        return Double.isFinite(v) && v > 0 ? v : 0;
    }

    @Override public double bytes(int n) {
        if (bytes != null) {
            double v = bytes.at(n);
            return Double.isFinite(v) && v > 0 ? v : 0;
        }
        long elements = 0;
        for (int length : spec.lengths(n)) {
            elements += length;
        }
        return elements * (double) Double.BYTES;
    }

    /**
     * From the folder's figures: its {@code bytes}, of which the output array is written and the rest
     * read, and its {@code flops} as double-precision FMAs (two FLOPs each: the FMA peak is the most any
     * mix of multiplies and adds can reach), so the limit is the slower of the machine's bandwidth and its
     * FMA peak for that work.
     */
    @Override public Roofline roofline(int n) {
        List<Bound> bounds = new ArrayList<>();
        double total = bytes(n);
        if (total > 0) {
            int[] lengths = spec.lengths(n);
            double written = Math.min(total, lengths[lengths.length - 1] * (double) Double.BYTES);
            bounds.add(new Bound.Traffic(total - written, written));
        }
        double work = flops(n);
        if (work > 0) {
            bounds.add(new Bound.Arithmetic(Bound.Op.FMA_F64, work / 2));
        }
        return new Roofline(bounds);
    }

    @Override public Set<Construct> allowedConstructs() {
        return spec.constructs().isEmpty() ? EnumSet.noneOf(Construct.class) : EnumSet.copyOf(spec.constructs());
    }

    /**
     * @throws IllegalStateException when the reference is not loaded (in the engine's own process)
     */
    @Override public Problem newProblem(int n, long seed) {
        if (reference == null) {
            throw new IllegalStateException("the reference of custom target " + spec.name()
                    + " is loaded in worker processes only");
        }
        if (n < 1) {
            throw new IllegalArgumentException("size out of range: " + n);
        }
        return new ArrayProblem(n, seed);
    }

    @Override
    public String toString() {
        return "custom kernel " + spec.name();
    }

    /** Inputs drawn from the spec's ranges, the output pre-filled with noise, the reference's answer. */
    private final class ArrayProblem implements Problem {
        private final int n;
        private final double[][] in;
        private final double[] out;
        private final double[] expected;
        private final SplittableRandom noise;
        private final Tolerance tolerance = tolerance();

        ArrayProblem(int n, long seed) {
            this.n = n;
            int[] lengths = spec.lengths(n);
            SplittableRandom rnd = new SplittableRandom(seed);
            this.in = new double[spec.inputs().size()][];
            for (int i = 0; i < in.length; i++) {
                ArrayKernelSpec.Input input = spec.inputs().get(i);
                in[i] = new double[lengths[i]];
                for (int j = 0; j < in[i].length; j++) {
                    in[i][j] = rnd.nextDouble(input.min(), input.max());
                }
            }
            int outLength = lengths[in.length];
            this.out = new double[outLength];
            this.noise = rnd.split();
            // the reference gets copies: whatever it does to its inputs, the variant sees the drawn values
            double[][] copies = new double[in.length][];
            for (int i = 0; i < in.length; i++) {
                copies[i] = in[i].clone();
            }
            this.expected = new double[outLength];
            Outputs.scramble(expected, rnd.split());
            reference.run(n, copies, expected);
            scrambleOutput();
        }

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            Outputs.scramble(out, noise);
        }

        @Override public Object output() { return out; }

        @Override public java.util.List<Object> inputs() { return new java.util.ArrayList<Object>(java.util.Arrays.asList((Object[]) in)); }

        @Override public void invoke(Object kernel) {
            ((ArrayKernel) kernel).run(n, in, out);
        }

        @Override public Optional<Mismatch> verify() {
            return Outputs.firstMismatch(expected, out, tolerance, n, i -> "out[" + i + "]");
        }
    }
}
