package dev.evolve.kernels.matmul;

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
 * Double-precision C = A * B, square, row-major. The seed is the naive i-j-k triple loop; the
 * reference is a sequential i-k-j loop, which sums over k in the same order as the seed.
 */
public final class MatmulTarget extends JavaArrayTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector or tile width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129);

    public MatmulTarget() {
        this(512);
    }

    public MatmulTarget(int timingSize) {
        super("matmul", "Matmul", MatmulKernel.class, timingSize, CHECK_SIZES);
    }

    @Override public String description() {
        return "double-precision C = A*B, square n x n, row-major double[] (timed at n=" + timingSize() + ")";
    }

    /** Reassociated sums of n products in [-1, 1) stay far inside this for every n checked or timed. */
    @Override public Tolerance tolerance() { return new Tolerance(1e-9, 1e-9); }

    @Override public double flops(int n) { return 2.0 * n * n * n; }

    /** A and B read once, C written once: 3 n^2 doubles. */
    @Override public double bytes(int n) { return 3.0 * n * n * Double.BYTES; }

    /** OpenBLAS dgemm at the same n where installed; the f64 FMA peak (n^3 FMAs) in any case. */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Gemm(Roofline.Precision.F64, n),
                new Bound.Arithmetic(Bound.Op.FMA_F64, (double) n * n * n));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new MatmulProblem(squareOrder(n, "matrix"), seed, tolerance());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class MatmulProblem extends DoubleOutputProblem {
        private final int n;
        private final double[] a;
        private final double[] b;

        MatmulProblem(int n, long seed, Tolerance tolerance) {
            super(n, n * n, tolerance, Outputs.rowColumn(n));
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = uniform(new double[n * n], rnd);
            this.b = uniform(new double[n * n], rnd);
            inputsDrawn(rnd);
        }

        @Override protected void reference(double[] answer) {
            reference(a, b, answer, n);
        }

        /** Trusted reference: i-k-j order, sequential, summing over k in increasing order. */
        static void reference(double[] a, double[] b, double[] c, int n) {
            java.util.Arrays.fill(c, 0.0);
            for (int i = 0; i < n; i++) {
                int ci = i * n;
                for (int k = 0; k < n; k++) {
                    double aik = a[i * n + k];
                    int bk = k * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aik * b[bk + j];
                    }
                }
            }
        }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a, b); }

        @Override public void invoke(Object kernel) {
            ((MatmulKernel) kernel).multiply(a, b, out, n);
        }
    }
}
