package dev.evolve.kernels.prefixsum;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.DoubleOutputProblem;
import dev.evolve.kernels.JavaArrayTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Inclusive scan of a double vector. The seed is the sequential running sum (one dependent
 * addition per element); a variant may reassociate (blocked, parallel two-pass or vector scans),
 * so each element is checked against a bound on the rounding error of any summation order.
 */
public final class PrefixSumTarget extends JavaArrayTarget {

    /** Check sizes: 1, lengths that are no multiple of any vector or block width, and a few that are. */
    private static final List<Integer> CHECK_SIZES =
            List.of(1, 2, 3, 5, 7, 8, 15, 17, 31, 63, 64, 65, 100, 127, 1000, 4099);

    /**
     * The timing size: 2^21 elements (16 MiB in, 16 MiB out): the seed's chain of dependent additions
     * takes some 2-5 ms.
     */
    public PrefixSumTarget() {
        super("prefix-sum", "PrefixSum", PrefixSumKernel.class, 1 << 21, CHECK_SIZES);
    }

    /** Besides parallel streams and the Vector API, atomics: a one-pass parallel scan hands prefixes on through them. */
    @Override public Set<Construct> allowedConstructs() {
        Set<Construct> out = EnumSet.of(Construct.ATOMICS);
        out.addAll(super.allowedConstructs());
        return out;
    }

    @Override public String description() {
        return "inclusive prefix sum of a length-n double[] into another (timed at n=" + timingSize() + ")";
    }

    /**
     * The base tolerance; each problem allows element i an absolute error of
     * 1e-15 * (i + 1) * (|x_0| + ... + |x_i|). Whatever tree a scan uses for element i (blocked,
     * two-pass, vector lanes) sums i + 1 terms at most i + 1 deep, so its error is at most about
     * (i + 1) * 1.1e-16 * sum|x_k|: a ninefold margin for every reassociation, while an element
     * left out, shifted or counted twice (an error of order 0.5) stays far outside for the sizes
     * checked and timed.
     */
    @Override public Tolerance tolerance() { return new Tolerance(0.0, 1e-15); }

    /** One addition per element (n - 1 for the sequential form; counted as n). */
    @Override public double flops(int n) { return n; }

    /** x read once, out written once. */
    @Override public double bytes(int n) { return 2.0 * n * Double.BYTES; }

    /** Memory-bound: n doubles read, n written. */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Traffic((double) n * Double.BYTES, (double) n * Double.BYTES));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new PrefixSumProblem(length(n, "vector length"), seed, tolerance().absolute());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class PrefixSumProblem extends DoubleOutputProblem {
        private final int n;
        private final double[] x;
        /** The absolute error allowed per term of a prefix, times its length and magnitude. */
        private final double perTermUnit;

        PrefixSumProblem(int n, long seed, double perTermUnit) {
            super(n, n, new Tolerance(0.0, perTermUnit), i -> "element " + i);
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.x = uniform(new double[n], rnd);
            this.perTermUnit = perTermUnit;
            inputsDrawn(rnd);
        }

        @Override protected void reference(double[] answer) {
            reference(x, answer, n);
        }

        /** Trusted reference: the sequential running sum. */
        static void reference(double[] x, double[] out, int n) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += x[i];
                out[i] = sum;
            }
        }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(x); }

        @Override public void invoke(Object kernel) {
            ((PrefixSumKernel) kernel).scan(x, out, n);
        }

        @Override public Optional<Mismatch> verify() {
            double[] expected = expected();
            double magnitude = 0.0;     // |x_0| + ... + |x_i|, summed here rather than stored beside the output
            for (int i = 0; i < out.length; i++) {
                magnitude += Math.abs(x[i]);
                double bound = perTermUnit * (i + 1.0) * magnitude;
                // written so that NaN fails
                if (Double.compare(expected[i], out[i]) != 0 && !(Math.abs(out[i] - expected[i]) <= bound)) {
                    return Optional.of(new Mismatch(n, i, expected[i], out[i], "prefix of " + (i + 1) + " elements"));
                }
            }
            return Optional.empty();
        }
    }
}
