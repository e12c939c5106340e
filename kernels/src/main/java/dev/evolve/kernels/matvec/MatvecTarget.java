package dev.evolve.kernels.matvec;

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
 * Double-precision y = A * x, A square and row-major. The seed is the naive row-by-row dot
 * product; the reference is the same sequential loop.
 */
public final class MatvecTarget implements KernelTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 7, 8, 17, 31, 64, 67, 100, 129, 257);

    private final String seed = Resources.text(MatvecTarget.class, "Matvec.java");

    @Override public String name() { return "matvec"; }

    @Override public String description() {
        return "double-precision y = A*x, A n x n row-major double[] (timed at n=" + timingSize() + ")";
    }

    @Override public String className() { return "Matvec"; }

    @Override public Class<?> kernelInterface() { return MatvecKernel.class; }

    @Override public String seedSource() { return seed; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    /** A 32 MiB matrix: the naive seed streams it in some 3-8 ms, bound by memory, not the cache. */
    @Override public int timingSize() { return 2048; }

    /**
     * Reassociated sums of n products in [-1, 1) differ from the sequential sum by at most about
     * n * 1.1e-16 * sum|a_ij x_j| (under 1e-10 for n = 2048), far inside 1e-9.
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-9, 1e-9); }

    @Override public double flops(int n) { return 2.0 * n * n; }

    /** A and x read once, y written once: n^2 + 2n doubles. */
    @Override public double bytes(int n) { return ((double) n * n + 2.0 * n) * Double.BYTES; }

    @Override public Set<Construct> allowedConstructs() {
        return EnumSet.of(Construct.PARALLEL_STREAMS, Construct.VECTOR_API);
    }

    @Override public Problem newProblem(int n, long seed) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix order out of range: " + n);
        }
        return new MatvecProblem(n, seed, tolerance());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class MatvecProblem implements Problem {
        private final int n;
        private final double[] a;
        private final double[] x;
        private final double[] y;
        private final double[] expected;
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        MatvecProblem(int n, long seed, Tolerance tolerance) {
            this.n = n;
            this.tolerance = tolerance;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = fill(new double[n * n], rnd);
            this.x = fill(new double[n], rnd);
            this.y = new double[n];
            this.expected = new double[n];
            this.noise = rnd.split();
            reference(a, x, expected, n);
            scrambleOutput();
        }

        private static double[] fill(double[] v, SplittableRandom rnd) {
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextDouble(-1.0, 1.0);
            }
            return v;
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

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            Outputs.scramble(y, noise);
        }

        @Override public Object output() { return y; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a, x); }

        @Override public void invoke(Object kernel) {
            ((MatvecKernel) kernel).multiply(a, x, y, n);
        }

        @Override public Optional<Mismatch> verify() {
            return Outputs.firstMismatch(expected, y, tolerance, n, i -> "row " + i);
        }
    }
}
