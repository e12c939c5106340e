package dev.evolve.kernels.matvec;

import dev.evolve.kernels.DoubleOutputProblem;
import dev.evolve.kernels.JavaArrayTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Double-precision y = A * x, A square and row-major. The seed is the naive row-by-row dot
 * product; the reference is the same sequential loop.
 */
public final class MatvecTarget extends JavaArrayTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 7, 8, 17, 31, 64, 67, 100, 129, 257);

    /**
     * The timing size: a 32 MiB matrix: the naive seed streams it in some 3-8 ms, bound by memory, not the
     * cache.
     */
    public MatvecTarget() {
        super("matvec", "Matvec", MatvecKernel.class, 2048, CHECK_SIZES);
    }

    @Override public String description() {
        return "double-precision y = A*x, A n x n row-major double[] (timed at n=" + timingSize() + ")";
    }

    /**
     * Reassociated sums of n products in [-1, 1) differ from the sequential sum by at most about
     * n * 1.1e-16 * sum|a_ij x_j| (under 1e-10 for n = 2048), far inside 1e-9.
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-9, 1e-9); }

    @Override public double flops(int n) { return 2.0 * n * n; }

    /** A and x read once, y written once: n^2 + 2n doubles. */
    @Override public double bytes(int n) { return ((double) n * n + 2.0 * n) * Double.BYTES; }

    /** Memory-bound: A and x read, y written (n^2 + n doubles in, n out); one FMA per element of A is far below it. */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Traffic(((double) n * n + n) * Double.BYTES, (double) n * Double.BYTES));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new MatvecProblem(squareOrder(n, "matrix"), seed, tolerance());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class MatvecProblem extends DoubleOutputProblem {
        private final int n;
        private final double[] a;
        private final double[] x;

        MatvecProblem(int n, long seed, Tolerance tolerance) {
            super(n, n, tolerance, i -> "row " + i);
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = uniform(new double[n * n], rnd);
            this.x = uniform(new double[n], rnd);
            inputsDrawn(rnd);
        }

        @Override protected void reference(double[] answer) {
            reference(a, x, answer, n);
        }

        /** Trusted reference: sequential, summing over j in increasing order. */
        static void reference(double[] a, double[] x, double[] y, int n) {
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    sum += a[i * n + j] * x[j];
                }
                y[i] = sum;
            }
        }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a, x); }

        @Override public void invoke(Object kernel) {
            ((MatvecKernel) kernel).multiply(a, x, out, n);
        }
    }
}
