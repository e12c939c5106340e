package dev.evolve.kernels.opencl;

import dev.evolve.kernels.Resources;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-precision {@code y = A * x} in OpenCL C, A square n x n and row-major.
 *
 * <p>Host contract: kernel {@code matvec(__global const float* a, __global const float* x,
 * __global float* y, const int n)}; a 1-D range of {@code ceil(n / ROWS_PER_GROUP)} work-groups of
 * {@code LOCAL_X} work-items; group g owns rows {@code [g * ROWS_PER_GROUP, (g + 1) * ROWS_PER_GROUP)}
 * and shares them out among its items as it likes (one item per row, or all items on one row
 * with a reduction in local memory). Rows past n must not be written.
 */
public final class MatvecOpenClTarget implements OpenClTarget {

    /** 1, lengths that are no multiple of any work-group or vector width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 7, 8, 17, 31, 64, 67, 100, 129, 257, 1000);

    private static final List<Knob> KNOBS = List.of(
            new Knob("LOCAL_X", 1, 1024, "work-items per work-group"),
            new Knob("ROWS_PER_GROUP", 1, 65536, "rows of y each work-group computes"));

    private final String seed = Resources.text(MatvecOpenClTarget.class, "matvec.cl");

    @Override public String name() { return "matvec-opencl"; }

    @Override public String description() {
        return "single-precision y = A*x in OpenCL C, A n x n row-major (timed at n=" + timingSize() + ")";
    }

    @Override public String seedSource() { return seed; }

    @Override public String fileName() { return "matvec.cl"; }

    @Override public String kernelName() { return "matvec"; }

    /** A 64 MiB matrix: streamed from memory, not from the cache. */
    @Override public int timingSize() { return 4096; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    /**
     * The base tolerance; each problem scales the absolute part by sqrt(n). Each y_i is a float
     * sum of n products of inputs in [-1, 1), the same error budget as one element of
     * matmul-f32: relative 1e-4, absolute 1e-4 * sqrt(n).
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-4, 1e-4); }

    @Override public double flops(int n) { return 2.0 * n * n; }

    /** A and x read once, y written once: n^2 + 2n floats. */
    @Override public double bytes(int n) { return ((double) n * n + 2.0 * n) * Float.BYTES; }

    /** Memory-bound: A and x read, y written (n^2 + n floats in, n out). */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Traffic(((double) n * n + n) * Float.BYTES, (double) n * Float.BYTES));
    }

    @Override public List<Knob> knobs() { return KNOBS; }

    @Override public NdRange range(Knobs knobs, int n) {
        int local = knobs.require("LOCAL_X");
        long groups = Math.ceilDiv(n, knobs.require("ROWS_PER_GROUP"));
        return NdRange.of(groups * local, local);
    }

    @Override public OpenClProblem newProblem(int n, long seed) {
        FloatOutputProblem.requireMatrixOrder(n);
        Tolerance base = tolerance();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = Inputs.uniform(n * n, rnd);
        float[] x = Inputs.uniform(n, rnd);
        float[] y = new float[n];
        float[] expected = new float[n];
        reference(a, x, expected, n);
        return new FloatOutputProblem(n, List.of(new KernelArg.FloatInput("a", a), new KernelArg.FloatInput("x", x),
                new KernelArg.FloatOutput("y", y), new KernelArg.IntValue("n", n)), y, expected,
                new Tolerance(base.relative(), base.absolute() * Math.sqrt(n)), rnd.split(), i -> "row " + i);
    }

    /** Trusted reference: sequential over j, accumulated in double, rounded to float once. */
    static void reference(float[] a, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += (double) a[i * n + j] * x[j];
            }
            y[i] = (float) sum;
        }
    }
}
