package dev.evolve.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A copy of a problem's inputs taken before a kernel runs, compared by content after it ran: a
 * kernel that writes to its inputs (to hide a cache in them, or to change what the next call
 * sees) is caught even when it hands back the same array objects.
 *
 * <pre>{@code
 * InputSnapshot before = InputSnapshot.of(problem);
 * problem.invoke(kernel);
 * Optional<Mismatch> changed = before.changedIn(problem);
 * }</pre>
 */
public final class InputSnapshot {

    private final List<Object> copies;
    private final int size;

    private InputSnapshot(List<Object> copies, int size) {
        this.copies = copies;
        this.size = size;
    }

    /** Copies every input array of {@code problem} now. */
    public static InputSnapshot of(Problem problem) {
        List<Object> copies = new ArrayList<>();
        for (Object in : problem.inputs()) {
            copies.add(copy(in));
        }
        return new InputSnapshot(copies, problem.size());
    }

    /** The first input element that differs from the snapshot (bit for bit), or empty when all are unchanged. */
    public Optional<Mismatch> changedIn(Problem problem) {
        List<Object> now = problem.inputs();
        if (now.size() != copies.size()) {
            return Optional.of(new Mismatch(size, 0, copies.size(), now.size(), "the number of inputs changed"));
        }
        for (int i = 0; i < copies.size(); i++) {
            Object was = copies.get(i);
            Object is = now.get(i);
            if (is == null || is.getClass() != was.getClass()) {
                return Optional.of(new Mismatch(size, 0, 0, 0, "input " + i + " was replaced by the kernel"
                        + " (inputs must stay unchanged)"));
            }
            int at = mismatch(was, is);
            if (at >= 0) {
                return Optional.of(new Mismatch(size, at, element(was, at), element(is, at), "input " + i
                        + " element " + at + " was changed by the kernel (inputs must stay unchanged)"));
            }
        }
        return Optional.empty();
    }

    private static Object copy(Object array) {
        return switch (array) {
            case double[] a -> a.clone();
            case float[] a -> a.clone();
            case int[] a -> a.clone();
            case long[] a -> a.clone();
            case null, default -> throw new IllegalArgumentException("inputs must be primitive arrays: " + array);
        };
    }

    /** Index of the first differing element (a length change counts at the shorter length), or -1. */
    private static int mismatch(Object was, Object is) {
        return switch (was) {
            case double[] a -> Arrays.mismatch(a, (double[]) is);
            case float[] a -> Arrays.mismatch(a, (float[]) is);
            case int[] a -> Arrays.mismatch(a, (int[]) is);
            case long[] a -> Arrays.mismatch(a, (long[]) is);
            default -> throw new IllegalStateException("not a primitive array: " + was.getClass());
        };
    }

    private static double element(Object array, int i) {
        return switch (array) {
            case double[] a -> i < a.length ? a[i] : Double.NaN;
            case float[] a -> i < a.length ? a[i] : Double.NaN;
            case int[] a -> i < a.length ? a[i] : Double.NaN;
            case long[] a -> i < a.length ? a[i] : Double.NaN;
            default -> Double.NaN;
        };
    }
}
