package dev.evolve.kernels;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * A problem whose kernel writes a {@code double[]}: the output and the reference's answer, noise
 * drawn after the inputs, and an element-wise check. A subclass draws its inputs from the random
 * stream, then calls {@link #inputsDrawn}: the noise stream splits off what is left and the output
 * is scrambled, so a problem is the same for the same seed whichever subclass draws it; the
 * reference's answer is computed when the output is first verified.
 */
public abstract class DoubleOutputProblem implements Problem {

    private final int n;
    /** What the kernel writes. */
    protected final double[] out;
    /**
     * What the trusted reference wrote, computed on first use ({@link #expected()}): a timed run whose output
     * is not verified never pays for it (matmul's reference costs more than a fast kernel). The
     * inputs it is computed from are the kernel's, which runners check unchanged after every call.
     */
    private double[] expected;
    private final Tolerance tolerance;
    private final IntFunction<String> where;
    private SplittableRandom noise;

    /**
     * @param outputLength elements of the output
     * @param where        how element i is named in a mismatch (e.g. {@link Outputs#rowColumn})
     */
    protected DoubleOutputProblem(int n, int outputLength, Tolerance tolerance, IntFunction<String> where) {
        this.n = n;
        this.out = new double[outputLength];
        this.tolerance = tolerance;
        this.where = where;
    }

    /** Inputs in [-1, 1), drawn in index order. */
    protected static double[] uniform(double[] x, SplittableRandom rnd) {
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return x;
    }

    /** Ends construction once the inputs are drawn from {@code rnd}. */
    protected final void inputsDrawn(SplittableRandom rnd) {
        this.noise = rnd.split();
        scrambleOutput();
    }

    /** Writes the trusted answer for the inputs into {@code answer}. */
    protected abstract void reference(double[] answer);

    @Override public final int size() { return n; }

    @Override public final void scrambleOutput() {
        Outputs.scramble(out, noise);
    }

    @Override public final Object output() { return out; }

    /** The reference's answer, computed on first use. */
    protected final double[] expected() {
        if (expected == null) {
            double[] answer = new double[out.length];
            reference(answer);
            expected = answer;
        }
        return expected;
    }

    @Override public Optional<Mismatch> verify() {
        return Outputs.firstMismatch(expected(), out, tolerance, n, where);
    }
}
