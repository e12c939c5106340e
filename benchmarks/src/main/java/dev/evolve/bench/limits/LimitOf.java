package dev.evolve.bench.limits;

import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fastest one call of a target can be on a machine: each bound of its {@link Roofline} over the machine's
 * rate for that bound (the highest of its figures, on 1 thread or all), the slowest of them binding. A bound whose figure
 * was not measured (OpenBLAS not installed, an old limits file) is left out and named, so a matmul falls back
 * to the FMA peak when OpenBLAS is missing.
 *
 * <pre>{@code
 * MachineLimits limits = MachineLimits.read(Path.of("results/compare/limits.tsv"));
 * Optional<LimitOf.Limit> l = LimitOf.of(target.roofline(n), limits);
 * double share = l.get().shareAt(measuredSeconds);       // 0.85: 85 % of what the machine allows
 * }</pre>
 */
public final class LimitOf {

    private LimitOf() {
    }

    /**
     * The binding limit of one call.
     *
     * @param figure      the limits file's figure that binds, e.g. {@code dgemm-512} or {@code stream-copy}
     * @param rate        that figure's rate with its unit and threads, e.g. {@code 100 GFLOP/s, 2 threads}
     * @param seconds     the fastest time per call it allows
     * @param notMeasured figures the target's bounds needed that the limits file lacks
     */
    public record Limit(String figure, String rate, double seconds, List<String> notMeasured) {
        public Limit {
            notMeasured = List.copyOf(notMeasured);
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("a limit's time must be finite and > 0: " + seconds);
            }
        }

        /** The share of the limit a call taking {@code measuredSeconds} reaches: 1.0 is the limit itself. */
        public double shareAt(double measuredSeconds) {
            return measuredSeconds > 0 && Double.isFinite(measuredSeconds) ? seconds / measuredSeconds : Double.NaN;
        }

        /** One line for tables: {@code dgemm-512 (100 GFLOP/s, 2 threads)}, with what was not measured. */
        public String label() {
            return figure + " (" + rate + ")" + (notMeasured.isEmpty() ? "" : "; not measured: "
                    + String.join(", ", notMeasured));
        }
    }

    /** The binding limit, or empty when the target declares no bound or none of its figures was measured. */
    public static Optional<Limit> of(Roofline roofline, MachineLimits limits) {
        Limit binding = null;
        List<String> missing = new ArrayList<>();
        for (Bound b : roofline.bounds()) {
            String name = figureName(b);
            Optional<MachineLimits.Figure> f = limits.best(name);
            if (f.isEmpty()) {
                missing.add(name);
                continue;
            }
            if (!f.get().unit().equals(unit(b))) {      // a hand-edited file: never scale by a unit we do not know
                missing.add(name + " (in " + f.get().unit() + ", not " + unit(b) + ")");
                continue;
            }
            double seconds = amount(b) / (f.get().value() * 1e9);
            if (binding == null || seconds > binding.seconds()) {
                binding = new Limit(name, String.format(Locale.ROOT, "%s %s, %d thread%s", compact(f.get().value()),
                        f.get().unit(), f.get().threads(), f.get().threads() == 1 ? "" : "s"), seconds, List.of());
            }
        }
        if (binding == null) {
            return Optional.empty();
        }
        return Optional.of(new Limit(binding.figure(), binding.rate(), binding.seconds(), missing));
    }

    /** Three significant digits without trailing zeros: 80, 82.2, 146, 0.494. */
    static String compact(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** The limits file's figure that gives a bound's rate. */
    public static String figureName(Bound b) {
        return switch (b) {
            case Bound.Traffic t -> "stream-" + t.closestStream().name().toLowerCase(Locale.ROOT);
            case Bound.Arithmetic a -> switch (a.op()) {
                case FMA_F64 -> "fma-f64";
                case FMA_F32 -> "fma-f32";
                case EXP_F64 -> "exp-f64";
            };
            case Bound.Gemm g -> MachineLimits.gemmName(g.precision().gemm(), g.n());
        };
    }

    /** The unit a bound's figure must be in: its amount per 1e9 per second. */
    static String unit(Bound b) {
        return switch (b) {
            case Bound.Traffic t -> "GB/s";
            case Bound.Arithmetic a -> a.op() == Bound.Op.EXP_F64 ? "Gexp/s" : "GFLOP/s";
            case Bound.Gemm g -> "GFLOP/s";
        };
    }

    /** A bound's amount in the unit its figure's rate counts (bytes, FLOPs, exponentials), over 1e9 per second. */
    static double amount(Bound b) {
        return switch (b) {
            case Bound.Traffic t -> t.totalBytes();
            case Bound.Arithmetic a -> switch (a.op()) {
                case FMA_F64, FMA_F32 -> 2 * a.count();    // the peak is counted in FLOPs: two per FMA
                case EXP_F64 -> a.count();
            };
            case Bound.Gemm g -> g.flops();
        };
    }

    /** The GEMMs (routine and order) the given rooflines need measured, e.g. to tell the benchmark its sizes. */
    public static List<Bound.Gemm> gemms(List<Roofline> rooflines) {
        List<Bound.Gemm> out = new ArrayList<>();
        for (Roofline r : rooflines) {
            for (Bound b : r.bounds()) {
                if (b instanceof Bound.Gemm g && !out.contains(g)) {
                    out.add(g);
                }
            }
        }
        return out;
    }
}
