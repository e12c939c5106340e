package dev.evolve.kernels.matmul;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Resources;
import dev.evolve.kernels.Tolerance;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Double-precision C = A * B, square, row-major. The seed is the naive i-j-k triple loop; the
 * reference is a sequential i-k-j loop, which sums over k in the same order as the seed.
 */
public final class MatmulTarget implements KernelTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector or tile width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129);

    private final String seed = Resources.text(MatmulTarget.class, "Matmul.java");
    private final int timingSize;

    public MatmulTarget() {
        this(512);
    }

    public MatmulTarget(int timingSize) {
        if (timingSize < 1) {
            throw new IllegalArgumentException("timing size must be >= 1: " + timingSize);
        }
        this.timingSize = timingSize;
    }

    @Override public String name() { return "matmul"; }

    @Override public String description() {
        return "double-precision C = A*B, square n x n, row-major double[] (timed at n=" + timingSize + ")";
    }

    @Override public String className() { return "Matmul"; }

    @Override public Class<?> kernelInterface() { return MatmulKernel.class; }

    @Override public String seedSource() { return seed; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    @Override public int timingSize() { return timingSize; }

    /** Reassociated sums of n products in [-1, 1) stay far inside this for every n checked or timed. */
    @Override public Tolerance tolerance() { return new Tolerance(1e-9, 1e-9); }

    @Override public double flops(int n) { return 2.0 * n * n * n; }

    /** A and B read once, C written once: 3 n^2 doubles. */
    @Override public double bytes(int n) { return 3.0 * n * n * Double.BYTES; }

    @Override public Set<Construct> allowedConstructs() {
        return EnumSet.of(Construct.PARALLEL_STREAMS, Construct.VECTOR_API);
    }

    @Override public Problem newProblem(int n, long seed) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix order out of range: " + n);
        }
        return new MatmulProblem(n, seed, tolerance());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class MatmulProblem implements Problem {
        private final int n;
        private final double[] a;
        private final double[] b;
        private final double[] c;
        private final long seed;
        /** The reference's answer, computed on first use: a timed run whose output is not verified never pays for it. */
        private double[] expected;
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        MatmulProblem(int n, long seed, Tolerance tolerance) {
            this.n = n;
            this.tolerance = tolerance;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = fill(new double[n * n], rnd);
            this.b = fill(new double[n * n], rnd);
            this.c = new double[n * n];
            this.seed = seed;
            this.noise = rnd.split();
            scrambleOutput();
        }

        /** The reference on the inputs as drawn (redrawn from the seed, whatever a kernel did to its own). */
        private double[] expected() {
            if (expected == null) {
                SplittableRandom rnd = new SplittableRandom(seed);
                double[] a0 = fill(new double[n * n], rnd);
                double[] b0 = fill(new double[n * n], rnd);
                double[] e = new double[n * n];
                reference(a0, b0, e, n);
                expected = e;
            }
            return expected;
        }

        private static double[] fill(double[] x, SplittableRandom rnd) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextDouble(-1.0, 1.0);
            }
            return x;
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

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            Outputs.scramble(c, noise);
        }

        @Override public Object output() { return c; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a, b); }

        @Override public void invoke(Object kernel) {
            ((MatmulKernel) kernel).multiply(a, b, c, n);
        }

        @Override public Optional<Mismatch> verify() {
            return Outputs.firstMismatch(expected(), c, tolerance, n, Outputs.rowColumn(n));
        }
    }
}
