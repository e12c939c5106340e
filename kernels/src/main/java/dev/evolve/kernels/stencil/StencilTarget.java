package dev.evolve.kernels.stencil;

import dev.evolve.kernels.DoubleOutputProblem;
import dev.evolve.kernels.JavaArrayTarget;
import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One 5-point Jacobi step on an n x n double grid, boundary copied. The seed tests for the
 * boundary at every point; the reference copies the boundary, then sweeps the interior.
 */
public final class StencilTarget extends JavaArrayTarget {

    /** Check sizes: grids without interior (1, 2), odd sizes that are no multiple of a vector width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 4, 5, 8, 17, 31, 64, 67, 100, 129);

    /** The timing size: 2^20 points (8 MiB in, 8 MiB out): the naive seed takes some 2-5 ms. */
    public StencilTarget() {
        super("stencil", "Stencil", StencilKernel.class, 1024, CHECK_SIZES);
    }

    @Override public String description() {
        return "5-point Jacobi step on an n x n row-major double[] grid, boundary copied (timed at n="
                + timingSize() + ")";
    }

    /**
     * Four inputs in [-1, 1) summed in any order and scaled by 0.25 (exact) or multiplied out
     * term by term (with or without FMA) differ by a few units of 1.1e-16 * 4: rel 1e-12 and
     * abs 1e-14 allow every such form and catch any missing or wrong neighbour (an error of
     * order 0.1).
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-12, 1e-14); }

    /** Three additions and one multiplication per interior point. */
    @Override public double flops(int n) {
        double interior = Math.max(n - 2, 0);
        return 4.0 * interior * interior;
    }

    /** The grid read once and written once: 2 n^2 doubles. */
    @Override public double bytes(int n) { return 2.0 * n * n * Double.BYTES; }

    /** Memory-bound: the grid read (n^2 doubles), the result written (n^2); four FLOPs per point are far below it. */
    @Override public Roofline roofline(int n) {
        double grid = (double) n * n * Double.BYTES;
        return Roofline.of(new Bound.Traffic(grid, grid));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new StencilProblem(squareOrder(n, "grid"), seed, tolerance());
    }

    /** Grid values in [-1, 1); the output is pre-filled with large noise. */
    static final class StencilProblem extends DoubleOutputProblem {
        private final int n;
        private final double[] in;

        StencilProblem(int n, long seed, Tolerance tolerance) {
            super(n, n * n, tolerance, Outputs.rowColumn(n));
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.in = uniform(new double[n * n], rnd);
            inputsDrawn(rnd);
        }

        @Override protected void reference(double[] answer) {
            reference(in, answer, n);
        }

        /** Trusted reference: the boundary copied, then the interior in the documented summation order. */
        static void reference(double[] in, double[] out, int n) {
            for (int j = 0; j < n; j++) {
                out[j] = in[j];
                out[(n - 1) * n + j] = in[(n - 1) * n + j];
            }
            for (int i = 0; i < n; i++) {
                out[i * n] = in[i * n];
                out[i * n + n - 1] = in[i * n + n - 1];
            }
            for (int i = 1; i < n - 1; i++) {
                for (int j = 1; j < n - 1; j++) {
                    int p = i * n + j;
                    out[p] = 0.25 * (in[p - n] + in[p + n] + in[p - 1] + in[p + 1]);
                }
            }
        }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(in); }

        @Override public void invoke(Object kernel) {
            ((StencilKernel) kernel).step(in, out, n);
        }
    }
}
