package dev.evolve.kernels.softmax;

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
 * Row-wise softmax of an n x n double matrix. Each row is shifted by its own offset of up to
 * +-1000, so a kernel that exponentiates without subtracting the row maximum overflows or
 * underflows to NaN or zero and fails; the reference is the numerically stable form.
 */
public final class SoftmaxTarget extends JavaArrayTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129);

    /** The timing size: 2^18 elements, two exp calls each in the seed: some 5-15 ms. */
    public SoftmaxTarget() {
        super("softmax", "Softmax", SoftmaxKernel.class, 512, CHECK_SIZES);
    }

    @Override public String description() {
        return "row-wise softmax of an n x n row-major double[] (timed at n=" + timingSize() + ")";
    }

    /**
     * Math.exp and the Vector API's EXP are accurate to a few ulps; a reassociated row sum of n
     * positive terms adds at most n * 1.1e-16 relative error (6e-14 at n = 512), and dividing
     * versus multiplying by the reciprocal one more ulp. Relative 1e-10 covers all of that with a
     * wide margin; absolute 1e-15 only matters for entries that underflow towards zero. A
     * wrong element (another row's maximum or sum, a term left out) is off by far more.
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-10, 1e-15); }

    /** Per element: a comparison for the maximum, a subtraction, an exponential, an addition, a division. */
    @Override public double flops(int n) { return 5.0 * n * n; }

    /** x read once, out written once: 2 n^2 doubles. */
    @Override public double bytes(int n) { return 2.0 * n * n * Double.BYTES; }

    /**
     * One exponential per element (the costly part: the rest is a few additions, a comparison and a
     * division per element), and x read and out written once; the slower of the two bounds it.
     */
    @Override public Roofline roofline(int n) {
        double matrix = (double) n * n * Double.BYTES;
        return Roofline.of(new Bound.Arithmetic(Bound.Op.EXP_F64, (double) n * n), new Bound.Traffic(matrix, matrix));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new SoftmaxProblem(squareOrder(n, "matrix"), seed, tolerance());
    }

    /** Entries in [-10, 10) plus a per-row offset in [-1000, 1000); the output is pre-filled with noise. */
    static final class SoftmaxProblem extends DoubleOutputProblem {
        private final int n;
        private final double[] x;

        SoftmaxProblem(int n, long seed, Tolerance tolerance) {
            super(n, n * n, tolerance, Outputs.rowColumn(n));
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.x = new double[n * n];
            for (int i = 0; i < n; i++) {
                double offset = rnd.nextDouble(-1000.0, 1000.0);
                for (int j = 0; j < n; j++) {
                    x[i * n + j] = offset + rnd.nextDouble(-10.0, 10.0);
                }
            }
            inputsDrawn(rnd);
        }

        @Override protected void reference(double[] answer) {
            reference(x, answer, n);
        }

        /** Trusted reference: subtract the row maximum, exponentiate, sum sequentially, divide. */
        static void reference(double[] x, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                int row = i * n;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    max = Math.max(max, x[row + j]);
                }
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    out[row + j] = Math.exp(x[row + j] - max);
                    sum += out[row + j];
                }
                for (int j = 0; j < n; j++) {
                    out[row + j] /= sum;
                }
            }
        }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(x); }

        @Override public void invoke(Object kernel) {
            ((SoftmaxKernel) kernel).softmax(x, out, n);
        }
    }
}
