package dev.evolve.kernels.opencl;

import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Resources;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.matmulf32.MatmulF32Target;
import dev.evolve.kernels.roofline.Roofline;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-precision {@code C = A * B} in OpenCL C, square n x n, row-major: the OpenCL twin of
 * {@code matmul-f32}, with its reference and tolerance.
 *
 * <p>Host contract: kernel {@code matmul(__global const float* a, __global const float* b,
 * __global float* c, const int n)}; a 2-D range of {@code ceil(n / WPT_X)} x {@code ceil(n / WPT_Y)}
 * work-items, each rounded up to whole work-groups of {@code LOCAL_X} x {@code LOCAL_Y}.
 * Dimension 0 runs along columns, dimension 1 along rows, so a work-group covers a block of
 * {@code LOCAL_Y * WPT_Y} rows by {@code LOCAL_X * WPT_X} columns; how the items share it out is
 * the kernel's business. Buffers are exactly n*n floats: work-items past the edge must not write,
 * and reads past the edge are the kernel's bug (the odd check sizes find it).
 */
public final class MatmulOpenClTarget implements OpenClTarget {

    /** 1, odd sizes that are no multiple of any work-group or tile, a few that are, and two beyond 128-wide blocks. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129, 257);

    private static final List<Knob> KNOBS = List.of(
            new Knob("LOCAL_X", 1, 1024, "work-items per work-group along columns (dimension 0)"),
            new Knob("LOCAL_Y", 1, 1024, "work-items per work-group along rows (dimension 1)"),
            new Knob("WPT_X", 1, 256, "columns of C each work-item computes"),
            new Knob("WPT_Y", 1, 256, "rows of C each work-item computes"));

    private final String seed = Resources.text(MatmulOpenClTarget.class, "matmul.cl");

    @Override public String name() { return "matmul-opencl"; }

    @Override public String description() {
        return "single-precision C = A*B in OpenCL C, square n x n, row-major (timed at n=" + timingSize() + ")";
    }

    @Override public String seedSource() { return seed; }

    @Override public String fileName() { return "matmul.cl"; }

    @Override public String kernelName() { return "matmul"; }

    @Override public int timingSize() { return 1024; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    /** matmul-f32's: relative 1e-4, absolute 1e-4 scaled by sqrt(n) in each problem (see there). */
    @Override public Tolerance tolerance() { return new MatmulF32Target().tolerance(); }

    @Override public double flops(int n) { return 2.0 * n * n * n; }

    /** A and B read once, C written once: 3 n^2 floats. */
    @Override public double bytes(int n) { return 3.0 * n * n * Float.BYTES; }

    /** matmul-f32's: OpenBLAS sgemm at the same n where installed; the f32 FMA peak in any case. */
    @Override public Roofline roofline(int n) { return new MatmulF32Target().roofline(n); }

    @Override public List<Knob> knobs() { return KNOBS; }

    @Override public NdRange range(Knobs knobs, int n) { return NdRange.tiled(knobs, n); }

    @Override public OpenClProblem newProblem(int n, long seed) {
        FloatOutputProblem.requireMatrixOrder(n);
        Tolerance base = tolerance();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = Inputs.uniform(n * n, rnd);
        float[] b = Inputs.uniform(n * n, rnd);
        float[] c = new float[n * n];
        float[] expected = new float[n * n];
        MatmulF32Target.reference(a, b, expected, n);
        return new FloatOutputProblem(n, List.of(new KernelArg.FloatInput("a", a), new KernelArg.FloatInput("b", b),
                new KernelArg.FloatOutput("c", c), new KernelArg.IntValue("n", n)), c, expected,
                new Tolerance(base.relative(), base.absolute() * Math.sqrt(n)), rnd.split(), Outputs.rowColumn(n));
    }
}
