package dev.evolve.kernels.dot;

import dev.evolve.kernels.JavaArrayTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Double-precision dot product, a reduction whose result the kernel returns; the problem stores
 * it in a one-element output (pre-filled with noise) and checks it against a sequential sum.
 */
public final class DotTarget extends JavaArrayTarget {

    /** Check sizes: 1, lengths that are no multiple of any vector or unroll width, and a few that are. */
    private static final List<Integer> CHECK_SIZES =
            List.of(1, 2, 3, 5, 7, 8, 15, 17, 31, 63, 64, 65, 100, 127, 1000, 4099);

    /**
     * The timing size: 2^22 elements (64 MiB in all): the seed's dependent chain of additions takes some 4
     * ms.
     */
    public DotTarget() {
        super("dot", "Dot", DotKernel.class, 1 << 22, CHECK_SIZES);
    }

    @Override public String description() {
        return "double-precision dot product of two length-n double[] vectors, returned (timed at n="
                + timingSize() + ")";
    }

    /**
     * The base tolerance; each problem sets the absolute part to 1e-15 * n * sum|x_i y_i|. Any
     * summation tree over n terms (with or without FMA) is at most n deep, and its error is at
     * most about n * 1.1e-16 * sum|x_i y_i|, so the bound holds for every reassociation with a
     * ninefold margin, while a term left out or counted twice (typically 0.25) stays far outside.
     */
    @Override public Tolerance tolerance() { return new Tolerance(0.0, 1e-15); }

    @Override public double flops(int n) { return 2.0 * n; }

    /** Both vectors read once (the result is returned, not stored). */
    @Override public double bytes(int n) { return 2.0 * n * Double.BYTES; }

    /** Memory-bound: both vectors read; the one result counted as one double written. */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Traffic(2.0 * n * Double.BYTES, Double.BYTES));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new DotProblem(length(n, "vector length"), seed, tolerance().absolute());
    }

    /** Inputs in [-1, 1); the one-element output is pre-filled with large noise. */
    static final class DotProblem implements Problem {
        private final int n;
        private final double[] x;
        private final double[] y;
        private final double[] result = new double[1];
        private final double expected;
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        DotProblem(int n, long seed, double perTermUnit) {
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.x = fill(new double[n], rnd);
            this.y = fill(new double[n], rnd);
            this.noise = rnd.split();
            this.expected = reference(x, y, n);
            double magnitude = 0.0;
            for (int i = 0; i < n; i++) {
                magnitude += Math.abs(x[i] * y[i]);
            }
            this.tolerance = new Tolerance(0.0, perTermUnit * n * magnitude);
            scrambleOutput();
        }

        private static double[] fill(double[] v, SplittableRandom rnd) {
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextDouble(-1.0, 1.0);
            }
            return v;
        }

        /** Trusted reference: sequential, in increasing index order. */
        static double reference(double[] x, double[] y, int n) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += x[i] * y[i];
            }
            return sum;
        }

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            result[0] = noise.nextDouble(-1e6, 1e6);
        }

        @Override public Object output() { return result; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(x, y); }

        @Override public void invoke(Object kernel) {
            result[0] = ((DotKernel) kernel).dot(x, y, n);
        }

        @Override public Optional<Mismatch> verify() {
            if (!tolerance.accepts(expected, result[0])) {
                return Optional.of(new Mismatch(n, 0, expected, result[0], "the returned sum"));
            }
            return Optional.empty();
        }
    }
}
