package dev.evolve.bench.limits;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Arithmetic peaks with the Vector API's preferred species: fused multiply-adds in f64 and f32 on sixteen
 * independent accumulators (more than latency times issue width on current x86 and ARM cores, so the FMA pipes
 * stay full), and exponentials of doubles ({@code lanewise(EXP)}) over a small array that stays in L1. Every
 * thread runs the same count; the rate is all threads' work over the time until the last one ends.
 */
final class PeakProbe {

    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;
    static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;
    private static final int ACCUMULATORS = 16;
    private static final int EXP_ELEMENTS = 2048;
    private static final int FMA_CHUNK = 256;
    private static final int EXP_CHUNK = 2;

    private final double[] expInput = new double[EXP_ELEMENTS];

    PeakProbe() {
        for (int i = 0; i < EXP_ELEMENTS; i++) {
            expInput[i] = -1.0 + (double) i / EXP_ELEMENTS;     // softmax feeds exp values <= 0
        }
    }

    /** What one probe counts: FLOPs for the FMA peaks, exponentials for EXP. */
    enum Kind {
        FMA_F64, FMA_F32, EXP_F64
    }

    /**
     * The peak in units of 1e9 per second (GFLOP/s, Gexp/s): every thread runs short chunks of work until
     * about {@code targetMs} have passed, and the work all threads did is divided by the time until the last
     * one stopped; the best of {@code reps}, after a warm-up on this thread.
     */
    double peak(Kind kind, Parallel threads, int reps, long targetMs) {
        warmUp(kind);
        double best = 0;
        for (int r = 0; r < reps; r++) {
            long deadline = System.nanoTime() + targetMs * 1_000_000L;
            Parallel.Timed t = threads.run(p -> until(kind, deadline, chunk(kind)));
            best = Math.max(best, t.sum() * chunk(kind) * perLoop(kind) / t.seconds() / 1e9);
        }
        return best;
    }

    /**
     * Calls until C2 has compiled the kind's loop: the Vector API is a thousand times slower in the
     * interpreter and in C1, so the warm-up makes many short calls (C2 compiles after some thousands). Stops
     * when, after 20,000 calls and 0.3 s, a batch runs no faster than the one before, or after 10 s.
     */
    private void warmUp(Kind kind) {
        long start = System.nanoTime();
        double previous = Double.POSITIVE_INFINITY;
        long calls = 0;
        while (System.nanoTime() - start < 10_000_000_000L) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                until(kind, 0, 1);
            }
            calls += 500;
            double batch = System.nanoTime() - t0;
            if (batch > 0.8 * previous && calls >= 20_000 && System.nanoTime() - start > 300_000_000L) {
                return;
            }
            previous = Math.min(previous, batch);
        }
    }

    /** Chunks of {@code loops} loops until {@code deadline} (System.nanoTime), at least one; how many ran. */
    private double until(Kind kind, long deadline, int loops) {
        return switch (kind) {
            case FMA_F64 -> fmaF64Until(deadline, loops);
            case FMA_F32 -> fmaF32Until(deadline, loops);
            case EXP_F64 -> expUntil(expInput, deadline, loops);
        };
    }

    /** Loops per chunk: about a microsecond, so the warm-up calls a chunk often enough to get it compiled. */
    private static int chunk(Kind kind) {
        return kind == Kind.EXP_F64 ? EXP_CHUNK : FMA_CHUNK;
    }

    // One loop method per kind, each with a single callee, so that no kind's profile deoptimizes another's.

    private static long fmaF64Until(long deadline, int loops) {
        long chunks = 0;
        double sum = 0;
        do {
            sum += fmaF64(loops);
            chunks++;
        } while (System.nanoTime() < deadline);
        keep(sum);
        return chunks;
    }

    private static long fmaF32Until(long deadline, int loops) {
        long chunks = 0;
        double sum = 0;
        do {
            sum += fmaF32(loops);
            chunks++;
        } while (System.nanoTime() < deadline);
        keep(sum);
        return chunks;
    }

    private static long expUntil(double[] x, long deadline, int loops) {
        long chunks = 0;
        double sum = 0;
        do {
            sum += exp(x, loops);
            chunks++;
        } while (System.nanoTime() < deadline);
        keep(sum);
        return chunks;
    }

    private static volatile double sink;

    private static void keep(double sum) {
        if (sum == 42.4242) {        // practically never: the sum is used, the write is not paid for
            sink = sum;
        }
    }

    /** What one loop counts. */
    double perLoop(Kind kind) {
        return switch (kind) {
            case FMA_F64 -> 2.0 * ACCUMULATORS * F64.length();
            case FMA_F32 -> 2.0 * ACCUMULATORS * F32.length();
            case EXP_F64 -> EXP_ELEMENTS;
        };
    }

    /** acc = acc * x + y on sixteen accumulators; x < 1 keeps them bounded (they settle at y / (1 - x)). */
    static double fmaF64(int loops) {
        DoubleVector x = DoubleVector.broadcast(F64, 0.999_999), y = DoubleVector.broadcast(F64, 1e-7);
        DoubleVector a0 = DoubleVector.broadcast(F64, 0.01), a1 = DoubleVector.broadcast(F64, 0.02);
        DoubleVector a2 = DoubleVector.broadcast(F64, 0.03), a3 = DoubleVector.broadcast(F64, 0.04);
        DoubleVector a4 = DoubleVector.broadcast(F64, 0.05), a5 = DoubleVector.broadcast(F64, 0.06);
        DoubleVector a6 = DoubleVector.broadcast(F64, 0.07), a7 = DoubleVector.broadcast(F64, 0.08);
        DoubleVector a8 = DoubleVector.broadcast(F64, 0.09), a9 = DoubleVector.broadcast(F64, 0.10);
        DoubleVector a10 = DoubleVector.broadcast(F64, 0.11), a11 = DoubleVector.broadcast(F64, 0.12);
        DoubleVector a12 = DoubleVector.broadcast(F64, 0.13), a13 = DoubleVector.broadcast(F64, 0.14);
        DoubleVector a14 = DoubleVector.broadcast(F64, 0.15), a15 = DoubleVector.broadcast(F64, 0.16);
        for (int i = 0; i < loops; i++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
            a12 = a12.fma(x, y); a13 = a13.fma(x, y); a14 = a14.fma(x, y); a15 = a15.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }

    static double fmaF32(int loops) {
        FloatVector x = FloatVector.broadcast(F32, 0.999f), y = FloatVector.broadcast(F32, 1e-4f);
        FloatVector a0 = FloatVector.broadcast(F32, 0.01f), a1 = FloatVector.broadcast(F32, 0.02f);
        FloatVector a2 = FloatVector.broadcast(F32, 0.03f), a3 = FloatVector.broadcast(F32, 0.04f);
        FloatVector a4 = FloatVector.broadcast(F32, 0.05f), a5 = FloatVector.broadcast(F32, 0.06f);
        FloatVector a6 = FloatVector.broadcast(F32, 0.07f), a7 = FloatVector.broadcast(F32, 0.08f);
        FloatVector a8 = FloatVector.broadcast(F32, 0.09f), a9 = FloatVector.broadcast(F32, 0.10f);
        FloatVector a10 = FloatVector.broadcast(F32, 0.11f), a11 = FloatVector.broadcast(F32, 0.12f);
        FloatVector a12 = FloatVector.broadcast(F32, 0.13f), a13 = FloatVector.broadcast(F32, 0.14f);
        FloatVector a14 = FloatVector.broadcast(F32, 0.15f), a15 = FloatVector.broadcast(F32, 0.16f);
        for (int i = 0; i < loops; i++) {
            a0 = a0.fma(x, y); a1 = a1.fma(x, y); a2 = a2.fma(x, y); a3 = a3.fma(x, y);
            a4 = a4.fma(x, y); a5 = a5.fma(x, y); a6 = a6.fma(x, y); a7 = a7.fma(x, y);
            a8 = a8.fma(x, y); a9 = a9.fma(x, y); a10 = a10.fma(x, y); a11 = a11.fma(x, y);
            a12 = a12.fma(x, y); a13 = a13.fma(x, y); a14 = a14.fma(x, y); a15 = a15.fma(x, y);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .add(a12).add(a13).add(a14).add(a15).reduceLanes(VectorOperators.ADD);
    }

    /** The sum of exp(x) over the array, {@code loops} times; four accumulators keep the adds off the path. */
    static double exp(double[] x, int loops) {
        int step = F64.length();
        DoubleVector s0 = DoubleVector.zero(F64), s1 = s0, s2 = s0, s3 = s0;
        for (int l = 0; l < loops; l++) {
            int i = 0;
            for (; i + 4 * step <= x.length; i += 4 * step) {
                s0 = s0.add(DoubleVector.fromArray(F64, x, i).lanewise(VectorOperators.EXP));
                s1 = s1.add(DoubleVector.fromArray(F64, x, i + step).lanewise(VectorOperators.EXP));
                s2 = s2.add(DoubleVector.fromArray(F64, x, i + 2 * step).lanewise(VectorOperators.EXP));
                s3 = s3.add(DoubleVector.fromArray(F64, x, i + 3 * step).lanewise(VectorOperators.EXP));
            }
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
}
