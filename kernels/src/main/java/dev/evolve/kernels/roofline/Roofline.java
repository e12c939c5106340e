package dev.evolve.kernels.roofline;

import java.util.List;

/**
 * The work of one call of a target at one size, as the bounds a machine puts on it. The fastest a call
 * can be on a machine is the slowest of its bounds (each bound's amount over the machine's rate for it),
 * as in a roofline model; a call is judged by the share of that limit it reaches.
 *
 * <pre>{@code
 * // matvec at n: A and x read once, y written once; one FMA per element of A
 * Roofline.of(new Bound.Traffic(((double) n * n + n) * 8, n * 8.0));
 * // matmul at n: OpenBLAS dgemm of the same size where installed, else the FMA peak
 * Roofline.of(new Bound.Gemm(Precision.F64, n), new Bound.Arithmetic(Bound.Op.FMA_F64, (double) n * n * n));
 * }</pre>
 *
 * @param bounds what the call needs, each bounding its speed; empty when the target declares nothing
 */
public record Roofline(List<Bound> bounds) {

    private static final Roofline NONE = new Roofline(List.of());

    public Roofline {
        bounds = List.copyOf(bounds);
    }

    /** A target that declares no bound: no limit is shown for it. */
    public static Roofline none() {
        return NONE;
    }

    public static Roofline of(Bound... bounds) {
        return new Roofline(List.of(bounds));
    }

    public boolean isEmpty() {
        return bounds.isEmpty();
    }

    /** Floating-point precision of arithmetic and library calls. */
    public enum Precision {
        F32, F64;

        /** The BLAS routine name of a GEMM in this precision: {@code sgemm} or {@code dgemm}. */
        public String gemm() {
            return this == F32 ? "sgemm" : "dgemm";
        }
    }

    /** One resource a call loads. */
    public sealed interface Bound permits Bound.Traffic, Bound.Arithmetic, Bound.Gemm {

        /**
         * Memory traffic: bytes every call must read and write at least once. The machine's rate for it is
         * the STREAM kernel whose read:write mix is closest (read only, copy 1:1, triad 2:1).
         */
        record Traffic(double readBytes, double writtenBytes) implements Bound {
            public Traffic {
                if (!(readBytes >= 0) || !(writtenBytes >= 0) || Double.isInfinite(readBytes)
                        || Double.isInfinite(writtenBytes) || readBytes + writtenBytes <= 0) {
                    throw new IllegalArgumentException("traffic needs finite bytes >= 0, not both 0: read "
                            + readBytes + ", written " + writtenBytes);
                }
            }

            public double totalBytes() {
                return readBytes + writtenBytes;
            }

            /** The STREAM kernel whose share of bytes read is closest to this traffic's (1, 2/3, 1/2). */
            public Stream closestStream() {
                double readShare = readBytes / totalBytes();
                Stream best = Stream.READ;
                for (Stream s : Stream.values()) {
                    if (Math.abs(s.readShare() - readShare) < Math.abs(best.readShare() - readShare)) {
                        best = s;
                    }
                }
                return best;
            }
        }

        /** Vector operations of one kind that every call must perform: {@code count} of them (one per lane). */
        record Arithmetic(Op op, double count) implements Bound {
            public Arithmetic {
                if (op == null || !(count > 0) || Double.isInfinite(count)) {
                    throw new IllegalArgumentException("arithmetic needs an operation and a finite count > 0: "
                            + op + " x " + count);
                }
            }
        }

        /**
         * A square GEMM C = A * B of order {@code n}: the machine's rate for it is the library's (OpenBLAS)
         * at that size and precision, the practical ceiling of a matrix multiply there.
         */
        record Gemm(Precision precision, int n) implements Bound {
            public Gemm {
                if (precision == null || n < 1) {
                    throw new IllegalArgumentException("a GEMM needs a precision and an order >= 1: " + precision
                            + ", " + n);
                }
            }

            /** FLOPs of the GEMM: 2 n^3. */
            public double flops() {
                return 2.0 * n * n * (double) n;
            }
        }

        /** The arithmetic a machine's peak is measured for. */
        enum Op {
            /** a fused multiply-add on doubles (2 FLOPs) */
            FMA_F64,
            /** a fused multiply-add on floats (2 FLOPs) */
            FMA_F32,
            /** an exponential of a double */
            EXP_F64
        }
    }

    /** The STREAM kernels a traffic bound is measured by, with the share of their bytes that are read. */
    public enum Stream {
        /** sum of a[i]: bytes read only */
        READ(1.0),
        /** b[i] = a[i]: read and write alike */
        COPY(0.5),
        /** a[i] = b[i] + s * c[i]: two reads per write */
        TRIAD(2.0 / 3.0);

        private final double readShare;

        Stream(double readShare) {
            this.readShare = readShare;
        }

        public double readShare() {
            return readShare;
        }
    }
}
