package dev.evolve.bench.limits;

import dev.evolve.kernels.roofline.Roofline.Stream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * STREAM-style memory bandwidth with the Vector API (preferred species): read (a sum of {@code a}), copy
 * ({@code b[i] = a[i]}) and triad ({@code a[i] = b[i] + s * c[i]}) over arrays far larger than the last-level
 * cache, each thread on its own contiguous part. Bytes are counted as STREAM counts them (8, 16 and 24 per
 * element), the best of the repetitions kept, as STREAM does.
 */
final class StreamProbe {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int WARM_ELEMENTS = 1 << 14;
    private static final int WARM_CALLS = 400;

    private final double[] a;
    private final double[] b;
    private final double[] c;

    /** Three arrays of {@code bytesPerArray} each (rounded down to whole vectors), filled in parallel. */
    StreamProbe(long bytesPerArray, Parallel fill) {
        long elements = bytesPerArray / Double.BYTES / S.length() * S.length();
        if (elements < S.length() || elements > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("array size out of range: " + bytesPerArray + " bytes");
        }
        int n = (int) elements;
        a = new double[n];
        b = new double[n];
        c = new double[n];
        // first touch by the threads that will use each part, as STREAM does
        fill.seconds(p -> {
            int from = from(p, fill.threads()), to = from(p + 1, fill.threads());
            for (int i = from; i < to; i++) {
                a[i] = 1.0;
                b[i] = 2.0;
                c[i] = 0.5 + (i & 7);
            }
            return 0;
        });
        for (int k = 0; k < WARM_CALLS; k++) {   // compile the kernels on a cache-sized part before timing
            read(a, 0, Math.min(WARM_ELEMENTS, n));
            copy(a, b, 0, Math.min(WARM_ELEMENTS, n));
            triad(c, b, a, 0, Math.min(WARM_ELEMENTS, n));
        }
    }

    long bytesPerArray() {
        return (long) a.length * Double.BYTES;
    }

    /** GB/s of the kernel on {@code threads.threads()} threads: bytes counted the STREAM way over the best time. */
    double gbPerSecond(Stream kernel, Parallel threads, int reps) {
        int t = threads.threads();
        double seconds = threads.bestSeconds(reps, p -> {
            int from = from(p, t), to = from(p + 1, t);
            return switch (kernel) {
                case READ -> read(a, from, to);
                case COPY -> copy(a, b, from, to);
                case TRIAD -> triad(a, b, c, from, to);
            };
        });
        int arrays = switch (kernel) {
            case READ -> 1;
            case COPY -> 2;
            case TRIAD -> 3;
        };
        return arrays * (double) bytesPerArray() / seconds / 1e9;
    }

    /** Start of part {@code p} of {@code parts}: whole vectors, the last part ending at the array's end. */
    private int from(int p, int parts) {
        long start = (long) a.length * p / parts;
        return p == parts ? a.length : (int) (start / S.length() * S.length());
    }

    static double read(double[] a, int from, int to) {
        int step = S.length();
        DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
        int i = from;
        for (; i + 4 * step <= to; i += 4 * step) {
            s0 = s0.add(DoubleVector.fromArray(S, a, i));
            s1 = s1.add(DoubleVector.fromArray(S, a, i + step));
            s2 = s2.add(DoubleVector.fromArray(S, a, i + 2 * step));
            s3 = s3.add(DoubleVector.fromArray(S, a, i + 3 * step));
        }
        double sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            sum += a[i];
        }
        return sum;
    }

    static double copy(double[] from, double[] into, int start, int end) {
        int step = S.length();
        int i = start;
        for (; i + step <= end; i += step) {
            DoubleVector.fromArray(S, from, i).intoArray(into, i);
        }
        for (; i < end; i++) {
            into[i] = from[i];
        }
        return into[start];
    }

    /** {@code x[i] = y[i] + 3 * z[i]}. */
    static double triad(double[] x, double[] y, double[] z, int start, int end) {
        int step = S.length();
        DoubleVector scalar = DoubleVector.broadcast(S, 3.0);
        int i = start;
        for (; i + step <= end; i += step) {
            DoubleVector.fromArray(S, z, i).fma(scalar, DoubleVector.fromArray(S, y, i)).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] = Math.fma(z[i], 3.0, y[i]);
        }
        return x[start];
    }
}
