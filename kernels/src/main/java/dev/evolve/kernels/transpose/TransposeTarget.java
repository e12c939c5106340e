package dev.evolve.kernels.transpose;

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
 * Square transpose, out = A^T, row-major. Pure data movement: the seed reads rows and writes
 * columns (a stride of n doubles), so the game is cache blocking; the check is exact.
 */
public final class TransposeTarget extends JavaArrayTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector or tile width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129);

    /** The timing size: 8 MiB in, 8 MiB out; the seed's column writes at a 8 KiB stride take some 3-10 ms. */
    public TransposeTarget() {
        super("transpose", "Transpose", TransposeKernel.class, 1024, CHECK_SIZES);
    }

    @Override public String description() {
        return "out = A^T, square n x n, row-major double[] (timed at n=" + timingSize() + ")";
    }

    /** A copy involves no arithmetic: every element must be the input's bit for bit. */
    @Override public Tolerance tolerance() { return new Tolerance(0.0, 0.0); }

    /**
     * No floating-point arithmetic at all; one operation is counted per element moved, so the
     * throughput figure reads as giga-elements per second.
     */
    @Override public double flops(int n) { return (double) n * n; }

    /** A read once, out written once: 2 n^2 doubles. */
    @Override public double bytes(int n) { return 2.0 * n * n * Double.BYTES; }

    /** Memory-bound: n^2 doubles read, n^2 written. */
    @Override public Roofline roofline(int n) {
        double matrix = (double) n * n * Double.BYTES;
        return Roofline.of(new Bound.Traffic(matrix, matrix));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new TransposeProblem(squareOrder(n, "matrix"), seed, tolerance());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class TransposeProblem extends DoubleOutputProblem {
        private final int n;
        private final double[] a;

        TransposeProblem(int n, long seed, Tolerance tolerance) {
            super(n, n * n, tolerance, Outputs.rowColumn(n));
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = uniform(new double[n * n], rnd);
            inputsDrawn(rnd);
        }

        @Override protected void reference(double[] answer) {
            reference(a, answer, n);
        }

        /** Trusted reference: row by row of the output. */
        static void reference(double[] a, double[] out, int n) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    out[j * n + i] = a[i * n + j];
                }
            }
        }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a); }

        @Override public void invoke(Object kernel) {
            ((TransposeKernel) kernel).transpose(a, out, n);
        }
    }
}
