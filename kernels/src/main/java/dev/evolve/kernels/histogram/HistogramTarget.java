package dev.evolve.kernels.histogram;

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
 * Histogram of n int values into {@value #BINS} bins. The values are skewed (half of them fall
 * into a sixteenth of the bins), so the seed's store-to-load dependency on hot counters is a
 * real cost; counts are integers and must match exactly.
 */
public final class HistogramTarget extends JavaArrayTarget {

    /** The number of bins; passed to the kernel, which must not assume it. */
    public static final int BINS = 256;

    /** Check sizes: 1, lengths that are no multiple of any vector or unroll width, and a few that are. */
    private static final List<Integer> CHECK_SIZES = List.of(1, 2, 3, 5, 7, 8, 17, 31, 64, 67, 100, 1000, 4099);

    /** The timing size: 2^23 values (32 MiB): the seed's increments take some 3 ms. */
    public HistogramTarget() {
        super("histogram", "Histogram", HistogramKernel.class, 1 << 23, CHECK_SIZES);
    }

    @Override public String description() {
        return "counts of n int values in [0, " + BINS + ") into an int[] of bins (timed at n=" + timingSize() + ")";
    }

    /** Counts are integers: exact. */
    @Override public Tolerance tolerance() { return new Tolerance(0.0, 0.0); }

    /** No floating-point arithmetic; one operation (an increment) is counted per value. */
    @Override public double flops(int n) { return n; }

    /** The values read once, the counts written once. */
    @Override public double bytes(int n) { return ((double) n + BINS) * Integer.BYTES; }

    /** Memory-bound: the values read (n ints), the counts written (BINS ints). */
    @Override public Roofline roofline(int n) {
        return Roofline.of(new Bound.Traffic((double) n * Integer.BYTES, (double) BINS * Integer.BYTES));
    }

    @Override public Problem newProblem(int n, long seed) {
        return new HistogramProblem(length(n, "value count"), seed, tolerance());
    }

    /** Values in [0, BINS), half of them in the first sixteenth; the counts are pre-filled with noise. */
    static final class HistogramProblem implements Problem {
        private final int n;
        private final int[] values;
        private final int[] counts = new int[BINS];
        private final int[] expected = new int[BINS];
        private final Tolerance tolerance;
        private final SplittableRandom noise;

        HistogramProblem(int n, long seed, Tolerance tolerance) {
            this.n = n;
            this.tolerance = tolerance;
            SplittableRandom rnd = new SplittableRandom(seed);
            this.values = new int[n];
            for (int i = 0; i < n; i++) {
                values[i] = rnd.nextBoolean() ? rnd.nextInt(BINS / 16) : rnd.nextInt(BINS);
            }
            this.noise = rnd.split();
            reference(values, expected, n);
            scrambleOutput();
        }

        /** Trusted reference: one pass, counting into zeroed bins. */
        static void reference(int[] values, int[] counts, int n) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[values[i]]++;
            }
        }

        @Override public int size() { return n; }

        @Override public void scrambleOutput() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = noise.nextInt(1, 1 << 30);
            }
        }

        @Override public Object output() { return counts; }

        @Override public java.util.List<Object> inputs() { return java.util.List.of(values); }

        @Override public void invoke(Object kernel) {
            ((HistogramKernel) kernel).histogram(values, counts, n, BINS);
        }

        @Override public Optional<Mismatch> verify() {
            for (int b = 0; b < BINS; b++) {
                if (!tolerance.accepts(expected[b], counts[b])) {
                    return Optional.of(new Mismatch(n, b, expected[b], counts[b], "bin " + b));
                }
            }
            return Optional.empty();
        }
    }
}
