package dev.evolve.kernels;

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/** What every problem does with its output: fill it with noise before a run, compare it after. */
public final class Outputs {

    private Outputs() {
    }

    /** Large noise in every element, so that a kernel must write each one. */
    public static void scramble(double[] out, SplittableRandom noise) {
        for (int i = 0; i < out.length; i++) {
            out[i] = noise.nextDouble(-1e6, 1e6);
        }
    }

    /** Large noise in every element, so that a kernel must write each one. */
    public static void scramble(float[] out, SplittableRandom noise) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) noise.nextDouble(-1e6, 1e6);
        }
    }

    /** The first element out of tolerance, described by {@code where}; empty when all pass. */
    public static Optional<Mismatch> firstMismatch(double[] expected, double[] actual, Tolerance tolerance, int size,
                                                   IntFunction<String> where) {
        for (int i = 0; i < actual.length; i++) {
            if (!tolerance.accepts(expected[i], actual[i])) {
                return Optional.of(new Mismatch(size, i, expected[i], actual[i], where.apply(i)));
            }
        }
        return Optional.empty();
    }

    /** The first element out of tolerance, described by {@code where}; empty when all pass. */
    public static Optional<Mismatch> firstMismatch(float[] expected, float[] actual, Tolerance tolerance, int size,
                                                   IntFunction<String> where) {
        for (int i = 0; i < actual.length; i++) {
            if (!tolerance.accepts(expected[i], actual[i])) {
                return Optional.of(new Mismatch(size, i, expected[i], actual[i], where.apply(i)));
            }
        }
        return Optional.empty();
    }

    /** "row r, column c" of element i of a row-major n x n matrix. */
    public static IntFunction<String> rowColumn(int n) {
        return i -> "row " + (i / n) + ", column " + (i % n);
    }
}
