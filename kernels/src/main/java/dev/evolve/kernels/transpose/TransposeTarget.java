package dev.evolve.kernels.transpose;

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
 * Square transpose, out = A^T, row-major. Pure data movement: the seed reads rows and writes
 * columns (a stride of n doubles), so the game is cache blocking; the check is exact.
 */
public final class TransposeTarget implements KernelTarget {

    /** Check sizes: 1, odd sizes that are no multiple of any vector or tile width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 8, 17, 31, 64, 67, 100, 129);

    private final String seed = Resources.text(TransposeTarget.class, "Transpose.java");

    @Override public String name() { return "transpose"; }

    @Override public String description() {
        return "out = A^T, square n x n, row-major double[] (timed at n=" + timingSize() + ")";
    }

    @Override public String className() { return "Transpose"; }

    @Override public Class<?> kernelInterface() { return TransposeKernel.class; }

    @Override public String seedSource() { return seed; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    /** 8 MiB in, 8 MiB out; the seed's column writes at a 8 KiB stride take some 3-10 ms. */
    @Override public int timingSize() { return 1024; }

    /** A copy involves no arithmetic: every element must be the input's bit for bit. */
    @Override public Tolerance tolerance() { return new Tolerance(0.0, 0.0); }

    /**
     * No floating-point arithmetic at all; one operation is counted per element moved, so the
     * throughput figure reads as giga-elements per second.
     */
    @Override public double flops(int n) { return (double) n * n; }

    /** A read once, out written once: 2 n^2 doubles. */
    @Override public double bytes(int n) { return 2.0 * n * n * Double.BYTES; }

    @Override public Set<Construct> allowedConstructs() {
        return EnumSet.of(Construct.PARALLEL_STREAMS, Construct.VECTOR_API);
    }

    @Override public Problem newProblem(int n, long seed) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix order out of range: " + n);
        }
        return new TransposeProblem(n, seed, tolerance());
    }

    /** Inputs in [-1, 1); the output is pre-filled with large noise. */
    static final class TransposeProblem implements Problem {
        private final int n;
        private final double[] a;
        private final double[] out;
        private final double[] expected;
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        TransposeProblem(int n, long seed, Tolerance tolerance) {
            this.n = n;
            this.tolerance = tolerance;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.a = new double[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextDouble(-1.0, 1.0);
            }
            this.out = new double[n * n];
            this.expected = new double[n * n];
            this.noise = rnd.split();
            reference(a, expected, n);
            scrambleOutput();
        }

        /** Trusted reference: row by row of the output. */
        static void reference(double[] a, double[] out, int n) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    out[j * n + i] = a[i * n + j];
                }
            }
        }

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            Outputs.scramble(out, noise);
        }

        @Override public Object output() { return out; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(a); }

        @Override public void invoke(Object kernel) {
            ((TransposeKernel) kernel).transpose(a, out, n);
        }

        @Override public Optional<Mismatch> verify() {
            return Outputs.firstMismatch(expected, out, tolerance, n, Outputs.rowColumn(n));
        }
    }
}
