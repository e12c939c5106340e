package dev.evolve.bench.compare;

import dev.evolve.bench.LauncherArgs;
import dev.evolve.bench.limits.LimitOf;
import dev.evolve.bench.limits.MachineLimits;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CompareBenchmark} for every contender of the chosen targets (all by default), writes all
 * rows as one JMH JSON file and prints a table: target, variant, ms/op with its error, GFLOP/s, GB/s
 * (where the target counts bytes), the speedup over the seed and, given the machine's limits
 * ({@code --limits FILE}, written by {@link dev.evolve.bench.limits.LimitsBenchmark}), the share of the
 * target's limit each contender reaches ({@link LimitOf}). The table's figures are also written
 * tab-separated next to the JSON ({@code compare.tsv}: one header line, then one line per row), for
 * scripts that cannot compute a target's FLOP count. A contender that fails (does not compile,
 * computes a wrong result) gets no row and makes the exit status 1; the others are still measured.
 *
 * <pre>
 * java -cp ... dev.evolve.bench.compare.CompareLauncher [--quick] [--results DIR] [--out FILE] [--size N]
 *     [--limits FILE] [target...]
 * </pre>
 * Defaults: {@code --results results}, {@code --out <results>/compare/compare.json}, the targets' timing sizes;
 * 1 fork, 3 x 1 s warm-up and 5 x 1 s measurement per contender ({@code --quick}: 1 x 0.2 s and 3 x 0.2 s).
 * Exit status 0 when every contender got a score, 1 when some failed, 2 on bad arguments.
 */
public final class CompareLauncher {

    /** JMH settings of one comparison; times in milliseconds. */
    public record Settings(int forks, int warmupIterations, long warmupMs, int measurementIterations,
                           long measurementMs) {
        public static final Settings FULL = new Settings(1, 3, 1000, 5, 1000);
        public static final Settings QUICK = new Settings(1, 1, 200, 3, 200);

        public Settings {
            if (forks < 1 || warmupIterations < 0 || measurementIterations < 1 || warmupMs < 1 || measurementMs < 1) {
                throw new IllegalArgumentException("need >= 1 fork, >= 0 warm-up and >= 1 measurement iterations,"
                        + " positive times");
            }
        }
    }

    /**
     * What to compare: targets in order, the results folder, the problem size (0: timing size), where to write,
     * and the machine's limits the shares are taken of ({@link MachineLimits#none()}: no shares).
     */
    public record Plan(List<KernelTarget> targets, Path results, int size, Settings settings, Path json,
                       MachineLimits limits) {
        public Plan(List<KernelTarget> targets, Path results, int size, Settings settings, Path json) {
            this(targets, results, size, settings, json, MachineLimits.none());
        }

        public Plan {
            targets = List.copyOf(targets);
            if (limits == null) {
                throw new IllegalArgumentException("limits must be given (MachineLimits.none() for none)");
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no target to compare");
            }
            if (size < 0) {
                throw new IllegalArgumentException("size must be >= 0 (0: each target's timing size): " + size);
            }
        }
    }

    /**
     * One measured contender; {@code limit} names the binding figure of the machine's limits with its rate,
     * e.g. {@code dgemm-512 (82.2 GFLOP/s, 2 threads)} ("" and NaN
     * figures when there is none), {@code limitMs} the fastest time per call it allows, {@code share} the
     * share of it this contender reaches ({@code limitMs / msPerOp}).
     */
    public record Row(String target, String variant, int size, double msPerOp, double errorMs, double gflops,
                      double gbPerS, double speedupVsSeed, String limit, double limitMs, double share) {
    }

    /** The rows in run order, and the contenders that got no score (target/variant). */
    public record Report(List<Row> rows, List<String> failed) {
        public Report {
            rows = List.copyOf(rows);
            failed = List.copyOf(failed);
        }
    }

    private CompareLauncher() {
    }

    public static void main(String[] args) {
        Plan plan = LauncherArgs.parseOrExit(args, CompareLauncher::parse, "compare",
                "CompareLauncher [--quick] [--results DIR] [--out FILE] [--size N]"
                + " [--limits FILE] [target...]");
        try {
            Report report = run(plan, System.out);
            System.out.print(table(report));
            System.out.println("JMH results: " + plan.json());
            if (!report.failed().isEmpty()) {
                System.err.println("compare: no score for " + String.join(", ", report.failed())
                        + " (see the JMH output above)");
                System.exit(1);
            }
        } catch (RunnerException | IOException | RuntimeException e) {
            System.err.println("compare: " + e);
            System.exit(1);
        }
    }

    /** Parses the command line (see the class comment). */
    public static Plan parse(String[] args) {
        Settings settings = Settings.FULL;
        Path results = Path.of("results");
        Path out = null;
        int size = 0;
        MachineLimits limits = MachineLimits.none();
        List<KernelTarget> targets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> settings = Settings.QUICK;
                case "--results" -> results = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--limits" -> limits = readLimits(Path.of(value(args, ++i, a)));
                case "--size" -> {
                    String v = value(args, ++i, a);
                    try {
                        size = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--size must be an integer: '" + v + "'");
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    targets.add(Targets.require(a));
                }
            }
        }
        if (targets.isEmpty()) {
            targets.addAll(Targets.all());
        }
        return new Plan(targets, results, size, settings,
                out != null ? out : results.resolve("compare").resolve("compare.json"), limits);
    }

    private static MachineLimits readLimits(Path file) {
        try {
            return MachineLimits.read(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read the limits file " + file + ": " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The JMH options for one target: its contenders as values of {@code variant}. */
    static Options options(KernelTarget target, List<String> variants, Plan plan) {
        Settings s = plan.settings();
        return new OptionsBuilder()
                .include("^" + Pattern.quote(CompareBenchmark.class.getName()) + "\\.")
                .param("target", target.name())
                .param("variant", variants.toArray(String[]::new))
                .param("size", String.valueOf(plan.size()))
                .param("results", plan.results().toAbsolutePath().toString())
                .forks(s.forks())
                .warmupIterations(s.warmupIterations())
                .warmupTime(TimeValue.milliseconds(s.warmupMs()))
                .measurementIterations(s.measurementIterations())
                .measurementTime(TimeValue.milliseconds(s.measurementMs()))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx2g")
                // one wrong or broken contender must not cost the others their scores
                .shouldFailOnError(false)
                .build();
    }

    /**
     * Runs the plan target by target, writes every row to {@code plan.json()} as one JMH JSON array
     * (written to a temporary file first, then moved into place), and returns the rows.
     */
    public static Report run(Plan plan, PrintStream log) throws RunnerException, IOException {
        List<RunResult> all = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (KernelTarget target : plan.targets()) {
            List<String> variants = Contenders.variants(target, plan.results());
            log.println("compare: " + target.name() + ": " + String.join(", ", variants));
            Collection<RunResult> results = new Runner(options(target, variants, plan)).run();
            Map<String, RunResult> byVariant = new LinkedHashMap<>();
            results.forEach(r -> byVariant.put(r.getParams().getParam("variant"), r));
            for (String v : variants) {
                RunResult r = byVariant.get(v);
                if (r == null) {
                    failed.add(target.name() + "/" + v);
                } else {
                    all.add(r);
                }
            }
        }
        write(all, plan.json());
        Report report = new Report(rows(all, plan.limits()), failed);
        writeTsv(report, tsvOf(plan.json()));
        return report;
    }

    /** {@code compare.json} gives {@code compare.tsv}. */
    public static Path tsvOf(Path json) {
        String name = json.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(base + ".tsv");
    }

    private static void writeTsv(Report report, Path tsv) throws IOException {
        StringBuilder out = new StringBuilder("target\tvariant\tn\tms_per_op\terror_ms\tgflops\tgb_per_s\tspeedup_vs_seed"
                + "\tlimit\tlimit_ms\tlimit_gflops\tlimit_gb_per_s\tshare_of_limit\n");
        for (Row r : report.rows()) {
            // the limit in the row's own units: the same FLOPs and bytes over the fastest time the machine allows
            double limitGflops = r.gflops() * r.msPerOp() / r.limitMs();
            double limitGbs = r.gbPerS() * r.msPerOp() / r.limitMs();
            out.append(String.join("\t", r.target(), r.variant(), String.valueOf(r.size()), number(r.msPerOp()),
                    number(r.errorMs()), number(r.gflops()), number(r.gbPerS()), number(r.speedupVsSeed()),
                    r.limit(), number(r.limitMs()), number(limitGflops), number(limitGbs), number(r.share())))
                    .append('\n');
        }
        Path tmp = temporarySibling(tsv);
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        Files.move(tmp, tsv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A fresh file next to {@code file}, readable by all like the file it will replace (results are shared). */
    private static Path temporarySibling(Path file) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stay
        }
        return tmp;
    }

    /** A figure for the TSV: empty when not a number. */
    private static String number(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "" : String.format(Locale.ROOT, "%.6g", x);
    }

    private static void write(List<RunResult> results, Path json) throws IOException {
        Path dir = json.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = temporarySibling(json);
        try (PrintStream out = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Rows with the derived rates; the speedup is over the same target's seed row (NaN without one), the share
     * is of the target's limit at the row's size on the machine whose {@code limits} are given.
     */
    static List<Row> rows(List<RunResult> results, MachineLimits limits) {
        Map<String, Double> seedMs = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (r.getParams().getParam("variant").equals(Contenders.SEED)) {
                seedMs.put(r.getParams().getParam("target"), msPerOp(r));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getParam("target");
            KernelTarget t = Targets.require(name);
            int size = Integer.parseInt(r.getParams().getParam("size"));
            int n = size == 0 ? t.timingSize() : size;
            double ms = msPerOp(r);
            double error = r.getPrimaryResult().getScoreError() * toMs(r.getPrimaryResult().getScoreUnit());
            double seconds = ms / 1e3;
            double gflops = t.flops(n) / seconds / 1e9;
            double gbs = t.bytes(n) > 0 ? t.bytes(n) / seconds / 1e9 : Double.NaN;
            double speedup = seedMs.containsKey(name) ? seedMs.get(name) / ms : Double.NaN;
            var limit = LimitOf.of(t.roofline(n), limits);
            rows.add(new Row(name, r.getParams().getParam("variant"), n, ms, error, gflops, gbs, speedup,
                    limit.map(LimitOf.Limit::label).orElse(""),
                    limit.map(l -> l.seconds() * 1e3).orElse(Double.NaN),
                    limit.map(l -> l.shareAt(seconds)).orElse(Double.NaN)));
        }
        return rows;
    }

    private static double msPerOp(RunResult r) {
        return r.getPrimaryResult().getScore() * toMs(r.getPrimaryResult().getScoreUnit());
    }

    /** Factor from a JMH average-time unit ("ms/op", "us/op", ...) to milliseconds. */
    private static double toMs(String unit) {
        return switch (unit) {
            case "ms/op" -> 1.0;
            case "us/op" -> 1e-3;
            case "ns/op" -> 1e-6;
            case "s/op" -> 1e3;
            default -> throw new IllegalStateException("unexpected JMH score unit " + unit);
        };
    }

    /** The printed table. */
    public static String table(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-11s %-22s %9s %22s %10s %9s %9s %8s%n",
                "target", "variant", "n", "ms/op", "GFLOP/s", "GB/s", "x seed", "of limit"));
        Map<String, String> limits = new LinkedHashMap<>();
        for (Row r : report.rows()) {
            out.append(String.format(Locale.ROOT, "%-11s %-22s %9d %22s %10.4g %9s %9s %8s%n",
                    r.target(), r.variant(), r.size(),
                    String.format(Locale.ROOT, "%.4g ± %.2g", r.msPerOp(), r.errorMs()),
                    r.gflops(), Double.isNaN(r.gbPerS()) ? "-" : String.format(Locale.ROOT, "%.3g", r.gbPerS()),
                    Double.isNaN(r.speedupVsSeed()) ? "-" : String.format(Locale.ROOT, "%.2f", r.speedupVsSeed()),
                    Double.isNaN(r.share()) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * r.share())));
            if (!r.limit().isEmpty()) {
                limits.putIfAbsent(r.target() + " (n = " + r.size() + ")", String.format(Locale.ROOT,
                        "%s: %.4g ms per call", r.limit(), r.limitMs()));
            }
        }
        for (String f : report.failed()) {
            out.append(String.format(Locale.ROOT, "%-34s FAILED: no score (see the JMH output)%n", f));
        }
        limits.forEach((target, limit) -> out.append("limit of ").append(target).append(": ").append(limit).append('\n'));
        return out.toString();
    }
}
