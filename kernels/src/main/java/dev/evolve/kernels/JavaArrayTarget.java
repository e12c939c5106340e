package dev.evolve.kernels;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The shape every built-in Java kernel shares: a name, the class a variant declares (its seed is
 * the resource {@code <className>.java} beside the subclass), the kernel interface, the check sizes
 * and the timing size. A subclass says what is computed: description, tolerance, figures and the
 * problem; {@link DoubleOutputProblem} is the problem of kernels that write a {@code double[]}.
 *
 * <pre>{@code
 * public final class DotTarget extends JavaArrayTarget {
 *     public DotTarget() { super("dot", "Dot", DotKernel.class, 1 << 22, List.of(1, 2, 3, 17, 4099)); }
 *     ...
 * }
 * }</pre>
 */
public abstract class JavaArrayTarget implements KernelTarget {

    private final String name;
    private final String className;
    private final Class<?> kernelInterface;
    private final int timingSize;
    private final List<Integer> checkSizes;
    private final String seed;

    protected JavaArrayTarget(String name, String className, Class<?> kernelInterface, int timingSize,
                              List<Integer> checkSizes) {
        if (timingSize < 1) {
            throw new IllegalArgumentException("timing size must be >= 1: " + timingSize);
        }
        this.name = name;
        this.className = className;
        this.kernelInterface = kernelInterface;
        this.timingSize = timingSize;
        this.checkSizes = List.copyOf(checkSizes);
        this.seed = Resources.text(getClass(), className + ".java");
    }

    @Override public final String name() { return name; }

    @Override public final String className() { return className; }

    @Override public final Class<?> kernelInterface() { return kernelInterface; }

    @Override public final String seedSource() { return seed; }

    @Override public final List<Integer> checkSizes() { return checkSizes; }

    @Override public final int timingSize() { return timingSize; }

    /** Parallel streams and the Vector API: every built-in Java kernel allows both. */
    @Override public Set<Construct> allowedConstructs() {
        return EnumSet.of(Construct.PARALLEL_STREAMS, Construct.VECTOR_API);
    }

    /**
     * {@code n} when an n x n problem fits in one array.
     *
     * @param what what n is the order of, for the message (e.g. {@code "matrix"})
     */
    protected static int squareOrder(int n, String what) {
        if (n < 1 || (long) n * n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " order out of range: " + n);
        }
        return n;
    }

    /**
     * {@code n} when it is a valid length.
     *
     * @param what what n counts, for the message (e.g. {@code "vector length"})
     */
    protected static int length(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " out of range: " + n);
        }
        return n;
    }
}
