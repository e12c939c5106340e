package dev.evolve.bench.limits;

import dev.evolve.bench.limits.MachineLimits.Figure;
import dev.evolve.kernels.roofline.Roofline.Bound;
import dev.evolve.kernels.roofline.Roofline.Precision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenBLAS GEMM figures through the project's own measurement, {@code benchmarks/openblas/run.sh} (it builds
 * {@code dgemm.c} against the installed OpenBLAS and prints the median GFLOP/s per thread count); run with
 * {@code OPENBLAS_INSTALL=no}, so a machine without OpenBLAS gets a figure that says "not installed" instead of
 * an installation.
 */
final class OpenBlasProbe {

    /** The line run.sh prints per thread count. */
    static final Pattern LINE = Pattern.compile(
            "openblas (dgemm|sgemm) n=(\\d+) threads=(\\d+) median ([0-9.eE+-]+) GFLOP/s best ([0-9.eE+-]+) GFLOP/s \\((\\d+) calls\\)");
    private static final long TIMEOUT_S = 300;

    private final Path script;

    /** @param script {@code benchmarks/openblas/run.sh}, or null: every GEMM figure is "not measured" */
    OpenBlasProbe(Path script) {
        this.script = script;
    }

    /** Calls per measurement: about 0.05 TFLOP in all (a few seconds at most), between 10 and 200. */
    static int calls(Bound.Gemm g) {
        return (int) Math.max(10, Math.min(200, Math.round(5e10 / g.flops())));
    }

    /** The GEMM's median GFLOP/s on each of {@code threads}, or figures without a value that say why. */
    List<Figure> measure(Bound.Gemm g, List<Integer> threads) {
        String name = MachineLimits.gemmName(g.precision().gemm(), g.n());
        if (script == null) {
            return missing(name, threads, "not measured (no OpenBLAS script given)");
        }
        if (!Files.isRegularFile(script)) {
            return missing(name, threads, "not measured: " + script + " not found");
        }
        List<String> command = List.of("bash", script.toString(), String.valueOf(g.n()), String.valueOf(calls(g)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PRECISION", g.precision() == Precision.F32 ? "f32" : "f64");
        pb.environment().put("THREADS", String.join(" ", threads.stream().map(String::valueOf).toList()));
        pb.environment().put("OPENBLAS_INSTALL", "no");
        String output;
        int exit;
        try {
            Path log = Files.createTempFile("openblas", ".log");
            try {
                Process p = pb.redirectOutput(log.toFile()).start();
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);     // the built benchmark, not only bash
                    p.destroyForcibly();
                    return missing(name, threads, "not measured: " + script.getFileName() + " ran past " + TIMEOUT_S + " s");
                }
                exit = p.exitValue();
                output = Files.readString(log, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return missing(name, threads, "not measured: cannot run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing(name, threads, "not measured: interrupted");
        }
        return parse(output, exit, g, threads);
    }

    /** Figures from run.sh's output and exit status (3: not installed). */
    static List<Figure> parse(String output, int exit, Bound.Gemm g, List<Integer> threads) {
        String name = MachineLimits.gemmName(g.precision().gemm(), g.n());
        if (exit == 3) {
            String why = output.lines().filter(l -> l.startsWith("openblas: not installed")).findFirst()
                    .map(l -> l.substring("openblas: ".length())).orElse("not installed");
            return missing(name, threads, why);
        }
        List<Figure> figures = new ArrayList<>();
        for (int t : threads) {
            Figure found = null;
            for (String line : output.lines().toList()) {
                Matcher m = LINE.matcher(line.strip());
                if (m.matches() && m.group(1).equals(g.precision().gemm()) && Integer.parseInt(m.group(2)) == g.n()
                        && Integer.parseInt(m.group(3)) == t) {
                    double median = Double.parseDouble(m.group(4));
                    if (median > 0 && Double.isFinite(median)) {
                        found = new Figure(name, t, median, "GFLOP/s", String.format(Locale.ROOT,
                                "OpenBLAS %s C = A * B, n = %d, median of %s calls (best %s GFLOP/s)",
                                m.group(1), g.n(), m.group(6), m.group(5)));
                    }
                }
            }
            figures.add(found != null ? found : new Figure(name, t, Double.NaN, "GFLOP/s",
                    "not measured: run.sh exited " + exit + " without a figure for " + t + " thread(s): "
                            + tail(output)));
        }
        return figures;
    }

    private static List<Figure> missing(String name, List<Integer> threads, String why) {
        return threads.stream().map(t -> new Figure(name, t, Double.NaN, "GFLOP/s", why)).toList();
    }

    private static String tail(String output) {
        String flat = output.strip().replace('\n', ' ');
        return flat.length() <= 200 ? flat : "..." + flat.substring(flat.length() - 200);
    }
}
