package dev.evolve.kernels.matmulf32;

import dev.evolve.kernels.JavaArrayTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Single-precision C = A * B, square, row-major. The seed is the naive i-j-k triple loop in
 * float; the reference accumulates in double and rounds once, so it is the float answer a
 * variant should approach whatever its summation order.
 */
public final class MatmulF32Target extends JavaArrayTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector or tile width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129);

    /**
     * The timing size: the naive float seed runs at about 1 GFLOP/s, so n = 256 (3.4e7 flops) takes some
     * 20-40 ms.
     */
    public MatmulF32Target() {
        super("matmul-f32", "MatmulF32", MatmulF32Kernel.class, 256, CHECK_SIZES);
    }

    @Override public String description() {
        return "single-precision C = A*B, square n x n, row-major float[] (timed at n=" + timingSize() + ")";
    }

    /**
     * The base tolerance; each problem scales the absolute part by sqrt(n). A float sum of n
     * products of inputs in [-1, 1) carries a rounding error that grows like sqrt(n) * 6e-8 * |partial
     * sums| (about sqrt(n) / 3) in any summation order, i.e. about n * 2e-8: 1e-5 at n = 512. An
     * absolute 1e-4 * sqrt(n) is 2.3e-3 there, a hundredfold margin for reassociation and FMA,
     * yet far below the smallest error of a wrong kernel (one product left out, typically 0.25).
     * The relative 1e-4 is some 800 float ulps for large entries.
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-4, 1e-4); }

    @Override public double flops(int n) { return 2.0 * n * n * n; }

    /** A and B read once, C written once: 3 n^2 floats. */
    @Override public double bytes(int n) { return 3.0 * n * n * Float.BYTES; }

    /** OpenBLAS sgemm at the same n where installed; the f32 FMA peak (n^3 FMAs) in any case. */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Gemm(Roofline.Precision.F32, n),
                new Bound.Arithmetic(Bound.Op.FMA_F32, (double) n * n * n));
    }

    /**
     * The trusted reference, for hosts of other languages that compute the same product (the
     * OpenCL target): i-k-j order, accumulated in double, rounded to float once.
     */
    public static void reference(float[] a, float[] b, float[] c, int n) {
        MatmulF32Problem.reference(a, b, c, n);
    }

    @Override public Problem newProblem(int n, long seed) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix order out of range: " + n);
        }
        Tolerance base = tolerance();
        return new MatmulF32Problem(n, seed, new Tolerance(base.relative(), base.absolute() * Math.sqrt(n)));
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class MatmulF32Problem implements Problem {
        private final int n;
        private final float[] a;
        private final float[] b;
        private final float[] c;
        private final long seed;
        /** The reference's answer, computed on first use: a timed run whose output is not verified never pays for it. */
        private float[] expected;
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        MatmulF32Problem(int n, long seed, Tolerance tolerance) {
            this.n = n;
            this.tolerance = tolerance;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = fill(new float[n * n], rnd);
            this.b = fill(new float[n * n], rnd);
            this.c = new float[n * n];
            this.seed = seed;
            this.noise = rnd.split();
            scrambleOutput();
        }

        /** The reference on the inputs as drawn (redrawn from the seed, whatever a kernel did to its own). */
        private float[] expected() {
            if (expected == null) {
                SplittableRandom rnd = new SplittableRandom(seed);
                float[] a0 = fill(new float[n * n], rnd);
                float[] b0 = fill(new float[n * n], rnd);
                float[] e = new float[n * n];
                reference(a0, b0, e, n);
                expected = e;
            }
            return expected;
        }

        private static float[] fill(float[] x, SplittableRandom rnd) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextDouble(-1.0, 1.0);
            }
            return x;
        }

        /** Trusted reference: i-k-j order, sequential, accumulated in double and rounded once. */
        static void reference(float[] a, float[] b, float[] c, int n) {
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(row, 0.0);
                for (int k = 0; k < n; k++) {
                    double aik = a[i * n + k];
                    int bk = k * n;
                    for (int j = 0; j < n; j++) {
                        row[j] += aik * b[bk + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = (float) row[j];
                }
            }
        }

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            Outputs.scramble(c, noise);
        }

        @Override public Object output() { return c; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a, b); }

        @Override public void invoke(Object kernel) {
            ((MatmulF32Kernel) kernel).multiply(a, b, c, n);
        }

        @Override public Optional<Mismatch> verify() {
            return Outputs.firstMismatch(expected(), c, tolerance, n, Outputs.rowColumn(n));
        }
    }
}
