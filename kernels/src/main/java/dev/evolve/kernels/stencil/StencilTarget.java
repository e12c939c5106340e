package dev.evolve.kernels.stencil;

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
 * One 5-point Jacobi step on an n x n double grid, boundary copied. The seed tests for the
 * boundary at every point; the reference copies the boundary, then sweeps the interior.
 */
public final class StencilTarget implements KernelTarget {

    /** Check sizes: grids without interior (1, 2), odd sizes that are no multiple of a vector width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 4, 5, 8, 17, 31, 64, 67, 100, 129);

    private final String seed = Resources.text(StencilTarget.class, "Stencil.java");

    @Override public String name() { return "stencil"; }

    @Override public String description() {
        return "5-point Jacobi step on an n x n row-major double[] grid, boundary copied (timed at n="
                + timingSize() + ")";
    }

    @Override public String className() { return "Stencil"; }

    @Override public Class<?> kernelInterface() { return StencilKernel.class; }

    @Override public String seedSource() { return seed; }

    @Override public List<Integer> checkSizes() { return CHECK_SIZES; }

    /** 2^20 points (8 MiB in, 8 MiB out): the naive seed takes some 2-5 ms. */
    @Override public int timingSize() { return 1024; }

    /**
     * Four inputs in [-1, 1) summed in any order and scaled by 0.25 (exact) or multiplied out
     * term by term (with or without FMA) differ by a few units of 1.1e-16 * 4: rel 1e-12 and
     * abs 1e-14 allow every such form and catch any missing or wrong neighbour (an error of
     * order 0.1).
     */
    @Override public Tolerance tolerance() { return new Tolerance(1e-12, 1e-14); }

    /** Three additions and one multiplication per interior point. */
    @Override public double flops(int n) {
        double interior = Math.max(n - 2, 0);
        return 4.0 * interior * interior;
    }

    /** The grid read once and written once: 2 n^2 doubles. */
    @Override public double bytes(int n) { return 2.0 * n * n * Double.BYTES; }

    @Override public Set<Construct> allowedConstructs() {
        return EnumSet.of(Construct.PARALLEL_STREAMS, Construct.VECTOR_API);
    }

    @Override public Problem newProblem(int n, long seed) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid order out of range: " + n);
        }
        return new StencilProblem(n, seed, tolerance());
    }

    /** Grid values in [-1, 1); the output is pre-filled with large noise. */
    static final class StencilProblem implements Problem {
        private final int n;
        private final double[] in;
        private final double[] out;
        private final double[] expected;
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        StencilProblem(int n, long seed, Tolerance tolerance) {
            this.n = n;
            this.tolerance = tolerance;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.in = new double[n * n];
            for (int i = 0; i < in.length; i++) {
                in[i] = rnd.nextDouble(-1.0, 1.0);
            }
            this.out = new double[n * n];
            this.expected = new double[n * n];
            this.noise = rnd.split();
            reference(in, expected, n);
            scrambleOutput();
        }

        /** Trusted reference: the boundary copied, then the interior in the documented summation order. */
        static void reference(double[] in, double[] out, int n) {
            for (int j = 0; j < n; j++) {
                out[j] = in[j];
                out[(n - 1) * n + j] = in[(n - 1) * n + j];
            }
            for (int i = 0; i < n; i++) {
                out[i * n] = in[i * n];
                out[i * n + n - 1] = in[i * n + n - 1];
            }
            for (int i = 1; i < n - 1; i++) {
                for (int j = 1; j < n - 1; j++) {
                    int p = i * n + j;
                    out[p] = 0.25 * (in[p - n] + in[p + n] + in[p - 1] + in[p + 1]);
                }
            }
        }

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            Outputs.scramble(out, noise);
        }

        @Override public Object output() { return out; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(in); }

        @Override public void invoke(Object kernel) {
            ((StencilKernel) kernel).step(in, out, n);
        }

        @Override public Optional<Mismatch> verify() {
            return Outputs.firstMismatch(expected, out, tolerance, n, Outputs.rowColumn(n));
        }
    }
}
