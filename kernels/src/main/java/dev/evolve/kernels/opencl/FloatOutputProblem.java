package dev.evolve.kernels.opencl;

import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Outputs;
import dev.evolve.kernels.Tolerance;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A problem with one float output array, checked element by element against the reference's
 * result: what every built-in OpenCL target needs once it has drawn its inputs and computed the
 * expected output. The output starts as noise.
 */
final class FloatOutputProblem implements OpenClProblem {

    private final int n;
    private final float[] output;
    private final float[] expected;
    private final List<KernelArg> args;
    private final Tolerance tolerance;
    private final SplittableRandom noise;
    private final IntFunction<String> locate;

    /**
     * @param args   the kernel's arguments in parameter order; {@code output} must be one of them
     * @param locate how a mismatch names the element's position (e.g. {@link Outputs#rowColumn})
     */
    FloatOutputProblem(int n, List<KernelArg> args, float[] output, float[] expected, Tolerance tolerance,
                       SplittableRandom noise, IntFunction<String> locate) {
        this.n = n;
        this.args = List.copyOf(args);
        this.output = output;
        this.expected = expected;
        this.tolerance = tolerance;
        this.noise = noise;
        this.locate = locate;
        scrambleOutputs();
    }

    /** Rejects matrix orders whose n x n arrays do not fit a Java array. */
    static int requireMatrixOrder(int n) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("matrix order out of range: " + n);
        }
        return n;
    }

    @Override public int size() { return n; }

    @Override public List<KernelArg> arguments() { return args; }

    @Override public void scrambleOutputs() { Outputs.scramble(output, noise); }

    @Override public Optional<Mismatch> verify() {
        return Outputs.firstMismatch(expected, output, tolerance, n, locate);
    }
}
