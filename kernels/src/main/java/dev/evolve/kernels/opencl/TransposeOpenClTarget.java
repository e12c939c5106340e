package dev.evolve.kernels.opencl;

import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Resources;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-precision transpose {@code t = a^T} in OpenCL C, square n x n, row-major: pure data
 * movement, checked exactly.
 *
 * <p>Host contract: kernel {@code transpose(__global const float* a, __global float* t, const int n)};
 * the same 2-D range as matmul-opencl: {@code ceil(n / WPT_X)} x {@code ceil(n / WPT_Y)} work-items
 * rounded up to whole work-groups of {@code LOCAL_X} x {@code LOCAL_Y}, dimension 0 along the
 * columns of a, dimension 1 along its rows. Work-items past the edge must not write.
 */
public final class TransposeOpenClTarget implements OpenClTarget {

    /** 1, sizes that are no multiple of any tile, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 33, 64, 67, 100, 129, 257);

    private static final List<Knob> KNOBS = List.of(
            new Knob("LOCAL_X", 1, 1024, "work-items per work-group along the columns of a (dimension 0)"),
            new Knob("LOCAL_Y", 1, 1024, "work-items per work-group along the rows of a (dimension 1)"),
            new Knob("WPT_X", 1, 256, "columns of a each work-item moves"),
            new Knob("WPT_Y", 1, 256, "rows of a each work-item moves"));

    private final String seed = Resources.text(TransposeOpenClTarget.class, "transpose.cl");

    @Override public String name() { return "transpose-opencl"; }

    @Override public String description() {
        return "single-precision transpose t = a^T in OpenCL C, square n x n, row-major (timed at n="
                + timingSize() + ")";
    }

    @Override public String seedSource() { return seed; }

    @Override public String fileName() { return "transpose.cl"; }

    @Override public String kernelName() { return "transpose"; }

    /** 16 MiB per matrix: beyond the caches, so the access pattern shows. */
    @Override public int timingSize() { return 2048; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    /** Data movement: every element must arrive bit for bit. */
    @Override public Tolerance tolerance() { return new Tolerance(0.0, 0.0); }

    /** One element moved counts as one operation, as for the Java transpose target. */
    @Override public double flops(int n) { return (double) n * n; }

    /** a read once, t written once. */
    @Override public double bytes(int n) { return 2.0 * n * n * Float.BYTES; }

    /** Memory-bound: n^2 floats read, n^2 written. */
    @Override public Roofline roofline(int n) {
        double matrix = (double) n * n * Float.BYTES;
        return Roofline.of(new Bound.Traffic(matrix, matrix));
    }

    @Override public List<Knob> knobs() { return KNOBS; }

    @Override public NdRange range(Knobs knobs, int n) { return NdRange.tiled(knobs, n); }

    @Override public OpenClProblem newProblem(int n, long seed) {
        FloatOutputProblem.requireMatrixOrder(n);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = Inputs.uniform(n * n, rnd);
        float[] t = new float[n * n];
        float[] expected = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[j * n + i] = a[i * n + j];
            }
        }
        return new FloatOutputProblem(n, List.of(new KernelArg.FloatInput("a", a), new KernelArg.FloatOutput("t", t),
                new KernelArg.IntValue("n", n)), t, expected, tolerance(), rnd.split(), Outputs.rowColumn(n));
    }
}
