package dev.evolve.bench.limits;

import dev.evolve.bench.LauncherArgs;
import dev.evolve.bench.limits.MachineLimits.Figure;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.aparapi.AparapiTargets;
import dev.evolve.kernels.opencl.OpenClTargets;
import dev.evolve.kernels.roofline.Roofline;
import dev.evolve.kernels.roofline.Roofline.Bound;
import dev.evolve.kernels.roofline.Roofline.Stream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream.Builder;

/**
 * Measures the machine's limits where it runs and writes them as a {@link MachineLimits} file: STREAM read,
 * copy and triad bandwidth over arrays far beyond the last-level cache, the Vector API FMA peak in f64 and f32
 * and the exponential throughput in f64, each on 1 thread and on all, and OpenBLAS dgemm/sgemm (through
 * {@code benchmarks/openblas/run.sh}) at the sizes the chosen targets' rooflines name (all targets by default,
 * at their timing sizes). {@code benchmarks/compare.sh} runs it before the comparison.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx1g -cp ... dev.evolve.bench.limits.LimitsBenchmark \
 *     [--out FILE] [--array-mib 256] [--reps 5] [--peak-ms 300] [--threads N] [--openblas SCRIPT|none]
 *     [--quick] [--size N] [target...]
 * </pre>
 * Defaults: {@code --out results/compare/limits.tsv}, 256 MiB per array (three arrays: give the JVM 1 GB),
 * best of 5, about 300 ms per peak repetition, all available processors, {@code benchmarks/openblas/run.sh}.
 * {@code --quick}: best of 2, 100 ms. Exit status 0 when written, 1 when measuring failed, 2 on bad arguments.
 */
public final class LimitsBenchmark {

    /**
     * What to measure.
     *
     * @param out        the limits file to write
     * @param arrayMib   MiB per STREAM array
     * @param reps       repetitions per figure (the best is kept)
     * @param peakMs     about how long one repetition of a peak runs
     * @param threads    the "all threads" count
     * @param openblas   {@code run.sh} of the OpenBLAS measurement, or null to skip it
     * @param rooflines  the rooflines whose GEMMs to measure
     */
    public record Options(Path out, int arrayMib, int reps, int peakMs, int threads, Path openblas,
                          List<Roofline> rooflines) {
        public Options {
            rooflines = List.copyOf(rooflines);
            if (arrayMib < 1 || reps < 1 || peakMs < 1 || threads < 1) {
                throw new IllegalArgumentException("--array-mib, --reps, --peak-ms and --threads must be >= 1");
            }
        }

        /** 1 and the "all threads" count, once each. */
        public List<Integer> threadCounts() {
            return threads == 1 ? List.of(1) : List.of(1, threads);
        }
    }

    private LimitsBenchmark() {
    }

    public static void main(String[] args) {
        Options options = LauncherArgs.parseOrExit(args, LimitsBenchmark::parse, "limits",
                "LimitsBenchmark [--out FILE] [--array-mib N] [--reps N] [--peak-ms N]"
                + " [--threads N] [--openblas SCRIPT|none] [--quick] [--size N] [target...]");
        try {
            MachineLimits limits = measure(options, System.err);
            limits.write(options.out());
            System.out.print(limits.format());
            System.out.println("limits: written to " + options.out());
        } catch (IOException | RuntimeException e) {
            System.err.println("limits: " + e);
            System.exit(1);
        }
    }

    /** Parses the command line (see the class comment). */
    public static Options parse(String[] args) {
        Path out = Path.of("results", "compare", "limits.tsv");
        int arrayMib = 256;
        int reps = 5;
        int peakMs = 300;
        int threads = Runtime.getRuntime().availableProcessors();
        Path openblas = Path.of("benchmarks", "openblas", "run.sh");
        int size = 0;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--array-mib" -> arrayMib = number(value(args, ++i, a), a);
                case "--reps" -> reps = number(value(args, ++i, a), a);
                case "--peak-ms" -> peakMs = number(value(args, ++i, a), a);
                case "--threads" -> threads = number(value(args, ++i, a), a);
                case "--size" -> size = number(value(args, ++i, a), a);
                case "--openblas" -> {
                    String v = value(args, ++i, a);
                    openblas = v.equals("none") ? null : Path.of(v);
                }
                case "--quick" -> {
                    reps = 2;
                    peakMs = 100;
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    names.add(a);
                }
            }
        }
        List<Target> targets = names.isEmpty() ? allTargets() : names.stream().map(LimitsBenchmark::target).toList();
        int n = size;
        List<Roofline> rooflines = targets.stream().map(t -> t.roofline(n > 0 ? n : t.timingSize())).toList();
        return new Options(out, arrayMib, reps, peakMs, threads, openblas, rooflines);
    }

    /** Every built-in target: the Java kernels, the OpenCL C and the Aparapi ones. */
    static List<Target> allTargets() {
        Builder<Target> all = java.util.stream.Stream.builder();
        Targets.all().forEach(all);
        OpenClTargets.all().forEach(all);
        AparapiTargets.all().forEach(all);
        return all.build().toList();
    }

    private static Target target(String name) {
        Optional<Target> t = Targets.find(name).<Target>map(x -> x)
                .or(() -> OpenClTargets.find(name).map(x -> x))
                .or(() -> AparapiTargets.find(name).map(x -> x));
        return t.orElseThrow(() -> new IllegalArgumentException("unknown target '" + name + "'; known: "
                + String.join(", ", allTargets().stream().map(Target::name).toList())));
    }

    /**
     * Measures every figure, logging each as it comes.
     *
     * @throws IllegalStateException when a measuring thread fails
     */
    public static MachineLimits measure(Options o, PrintStream log) {
        List<Figure> figures = new ArrayList<>();
        List<Integer> counts = o.threadCounts();
        String species = PeakProbe.F64.vectorBitSize() + "-bit vectors";
        try (Parallel fill = new Parallel(o.threads())) {
            StreamProbe stream = new StreamProbe((long) o.arrayMib() << 20, fill);
            for (Stream kernel : Stream.values()) {
                String how = switch (kernel) {
                    case READ -> "sum of a[i]";
                    case COPY -> "b[i] = a[i]";
                    case TRIAD -> "a[i] = b[i] + s * c[i]";
                };
                for (int t : counts) {
                    try (Parallel threads = new Parallel(t)) {
                        double gbs = stream.gbPerSecond(kernel, threads, o.reps());
                        figures.add(logged(log, new Figure("stream-" + kernel.name().toLowerCase(Locale.ROOT), t, gbs,
                                "GB/s", String.format(Locale.ROOT, "%s, arrays of %d MiB, %s, best of %d", how,
                                        stream.bytesPerArray() >> 20, species, o.reps()))));
                    }
                }
            }
        }
        PeakProbe peak = new PeakProbe();
        for (PeakProbe.Kind kind : PeakProbe.Kind.values()) {
            for (int t : counts) {
                try (Parallel threads = new Parallel(t)) {
                    double rate = peak.peak(kind, threads, o.reps(), o.peakMs());
                    figures.add(logged(log, switch (kind) {
                        case FMA_F64 -> new Figure("fma-f64", t, rate, "GFLOP/s", "DoubleVector " + species
                                + ", 16 independent FMA chains, best of " + o.reps());
                        case FMA_F32 -> new Figure("fma-f32", t, rate, "GFLOP/s", "FloatVector "
                                + PeakProbe.F32.vectorBitSize() + "-bit vectors, 16 independent FMA chains, best of " + o.reps());
                        case EXP_F64 -> new Figure("exp-f64", t, rate, "Gexp/s", "DoubleVector lanewise(EXP), " + species
                                + ", 16 KiB in L1, best of " + o.reps());
                    }));
                }
            }
        }
        OpenBlasProbe blas = new OpenBlasProbe(o.openblas());
        for (Bound.Gemm g : LimitOf.gemms(o.rooflines())) {
            blas.measure(g, counts).forEach(f -> figures.add(logged(log, f)));
        }
        return new MachineLimits(List.of(machine(), "measured: " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "; a share of these limits is only as good as the quiet of the machine they were measured on"),
                figures);
    }

    private static Figure logged(PrintStream log, Figure f) {
        log.println("limits: " + f.name() + " " + f.threads() + " thread" + (f.threads() == 1 ? "" : "s") + ": "
                + (f.measured() ? String.format(Locale.ROOT, "%.4g %s", f.value(), f.unit()) : "-") + "  (" + f.detail() + ")");
        return f;
    }

    /** One line on where the figures come from: cores, CPU model, JDK. */
    static String machine() {
        String model = "unknown CPU";
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                model = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(model);
            }
        } catch (IOException e) {
            // the model is only a label
        }
        return "evolve machine limits: " + Runtime.getRuntime().availableProcessors() + " cores, " + model + ", JDK "
                + Runtime.version().feature() + ", " + System.getProperty("os.arch");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer: '" + v + "'");
        }
    }
}
