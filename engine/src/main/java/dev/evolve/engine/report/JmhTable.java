package dev.evolve.engine.report;

import dev.evolve.bench.limits.LimitOf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/**
 * JMH figures side by side: the run's seed and best (from {@code summary.json}) and library baselines for the
 * same target (from a JMH result file). Times are ms per operation with JMH's error; GFLOP/s and GB/s are
 * derived from the target's FLOP and byte counts at the problem size (a baseline's {@code size} or {@code n}
 * parameter, else the run's timing size). Given the machine's limits (the {@code limits.tsv} that
 * {@code benchmarks/compare.sh} writes beside the baselines), each row also shows the share of the target's
 * limit at its size that it reaches ({@link LimitOf}).
 *
 * @param rows  the run's rows first, then the baselines in file order
 * @param notes how the figures were derived, and baselines that were left out and why
 */
public record JmhTable(List<Row> rows, List<String> notes) {

    public JmhTable {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /**
     * One row.
     *
     * @param variant     {@code seed}, {@code best}, or a baseline's variant
     * @param from        {@code run} for the run's own figures, {@code baselines} for the file's
     * @param params      a baseline's other parameters ({@code "n=512, threads=1"}), empty for the run's rows
     * @param ms          ms per operation
     * @param errorMs     its error, null when JMH gave none
     * @param gflops      GFLOP/s, null when the target is unknown
     * @param gflopsError its error (first order), null when either is unknown
     * @param gbs         effective GB/s, null when unknown or the target counts no bytes
     * @param vsSeed      how many times faster than the seed (the run's JMH seed, else a {@code seed} baseline)
     * @param share       the share of the machine's limit for the target at this size (1.0: the limit), null
     *                    when no limits were given or the target declares none
     */
    public record Row(String variant, String from, String params, double ms, Double errorMs, Double gflops,
                      Double gflopsError, Double gbs, Double vsSeed, Double share) {
    }

    /** The run's JMH figures: the seed and the best, ms per operation with their errors. */
    public record RunFigures(double seedMs, double seedErrorMs, double bestMs, double bestErrorMs) {
    }

    /**
     * Builds the table.
     *
     * @param target     the run's target; only baselines whose {@code target} parameter equals it are shown
     * @param run        the run's figures, or null when the summary has none
     * @param baselines  the baseline results (any target), possibly empty
     * @param timingSize the run's timing size
     * @param flops      FLOPs of one operation at a size, or null when the target is unknown
     * @param bytes      bytes moved by one operation at a size (0: not counted), or null when unknown
     */
    public static JmhTable build(String target, RunFigures run, List<Baselines.Result> baselines, int timingSize,
                                 IntToDoubleFunction flops, IntToDoubleFunction bytes) {
        return build(target, run, baselines, timingSize, flops, bytes, null);
    }

    /**
     * Builds the table with each row's share of the machine's limit.
     *
     * @param limit the target's limit at a size on the machine (null at a size without one), or null when
     *              no limits are known
     */
    public static JmhTable build(String target, RunFigures run, List<Baselines.Result> baselines, int timingSize,
                                 IntToDoubleFunction flops, IntToDoubleFunction bytes, IntFunction<LimitOf.Limit> limit) {
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        java.util.Map<Integer, LimitOf.Limit> limits = new java.util.TreeMap<>();
        IntFunction<LimitOf.Limit> limitAt = n -> limit == null ? null
                : limits.computeIfAbsent(n, k -> limit.apply(k));
        if (run != null) {
            rows.add(row("seed", "run", "", run.seedMs(), positiveOrNull(run.seedErrorMs()), timingSize, flops, bytes,
                    limitAt));
            rows.add(row("best", "run", "", run.bestMs(), positiveOrNull(run.bestErrorMs()), timingSize, flops, bytes,
                    limitAt));
        }
        int otherTargets = 0;
        for (Baselines.Result r : baselines) {
            if (!target.equals(r.params().get("target"))) {
                otherTargets++;
                continue;
            }
            Double ms = r.millisPerOp();
            if (ms == null) {
                notes.add("left out " + r.variant() + ": unit " + r.unit() + " is neither time per operation"
                        + " nor operations per time");
                continue;
            }
            int size = sizeOf(r.params(), timingSize);
            List<String> other = new ArrayList<>();
            r.params().forEach((k, v) -> {
                // target and variant name the row; results is where winners were loaded from; a size of 0
                // means the target's timing size, which the figures below already use
                if (!k.equals("target") && !k.equals("variant") && !k.equals("results")
                        && !(k.equals("size") && v.equals("0"))) {
                    other.add(k + "=" + v);
                }
            });
            rows.add(row(r.variant(), "baselines", String.join(", ", other), ms, r.errorMillisPerOp(), size, flops,
                    bytes, limitAt));
        }
        if (otherTargets > 0) {
            notes.add(otherTargets + " baseline result" + (otherTargets == 1 ? " is" : "s are")
                    + " for other targets (params.target) and not shown");
        }
        Double seedMs = run != null ? Double.valueOf(run.seedMs()) : rows.stream()
                .filter(r -> r.variant().equals("seed")).map(Row::ms).findFirst().orElse(null);
        List<Row> withRatio = new ArrayList<>();
        for (Row r : rows) {
            withRatio.add(new Row(r.variant(), r.from(), r.params(), r.ms(), r.errorMs(), r.gflops(), r.gflopsError(),
                    r.gbs(), seedMs == null ? null : seedMs / r.ms(), r.share()));
        }
        limits.forEach((n, l) -> {
            if (l != null) {
                notes.add(String.format(java.util.Locale.ROOT, "share of limit at n = %d: of %s, %.4g ms per call"
                        + " (the machine's limits file beside the baselines)", n, l.label(), l.seconds() * 1e3));
            }
        });
        if (flops != null) {
            notes.add("GFLOP/s and GB/s follow from the target's FLOP and byte counts at the problem size (a "
                    + "baseline's size or n parameter, else the run's timing size " + timingSize + ")");
        }
        return new JmhTable(withRatio, notes);
    }

    private static Row row(String variant, String from, String params, double ms, Double errorMs, int size,
                           IntToDoubleFunction flops, IntToDoubleFunction bytes, IntFunction<LimitOf.Limit> limitAt) {
        Double gflops = flops == null ? null : flops.applyAsDouble(size) / (ms * 1e6);
        Double gflopsError = gflops == null || errorMs == null ? null : gflops * errorMs / ms;
        double b = bytes == null ? 0 : bytes.applyAsDouble(size);
        Double gbs = b > 0 ? b / (ms * 1e6) : null;
        LimitOf.Limit limit = limitAt.apply(size);
        Double share = limit == null ? null : limit.shareAt(ms / 1e3);
        return new Row(variant, from, params, ms, errorMs, gflops, gflopsError, gbs, null, share);
    }

    private static Double positiveOrNull(double v) {
        return Double.isFinite(v) && v > 0 ? v : null;
    }

    private static int sizeOf(Map<String, String> params, int fallback) {
        for (String key : List.of("size", "n")) {
            String v = params.get(key);
            if (v != null) {
                try {
                    int n = Integer.parseInt(v.trim());
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException ignored) {
                    // not a size; fall back
                }
            }
        }
        return fallback;
    }
}
