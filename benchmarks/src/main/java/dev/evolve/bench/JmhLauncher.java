package dev.evolve.bench;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Command-line entry that runs {@link VariantBenchmark} on one variant and writes JMH's JSON
 * result. Exit status 0 on a score, 1 when JMH failed (including a wrong variant), 2 on bad
 * arguments.
 *
 * <pre>
 * java -cp ... dev.evolve.bench.JmhLauncher matmul /tmp/variant Matmul 512 1 3 1000 5 1000 result.json [iterationTimeoutS]
 * </pre>
 * Times are in milliseconds. Defaults of {@link #defaults(String, String, String, int, String)}:
 * 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement (about +-2 % on a quiet machine).
 */
public final class JmhLauncher {

    /** Arguments of one run; times in milliseconds. */
    public record Launch(String target, String classDir, String className, int size, int forks,
                         int warmupIterations, long warmupMs, int measurementIterations, long measurementMs,
                         String resultJson, long iterationTimeoutS) {
        public Launch {
            require(!target.isBlank() && !classDir.isBlank() && !className.isBlank() && !resultJson.isBlank(),
                    "target, class directory, class name and result path must not be blank");
            require(size >= 0, "size must be >= 0 (0: the target's timing size)");
            require(forks >= 1, "forks must be >= 1: in-process runs would share JIT profiles with the launcher");
            require(warmupIterations >= 0 && measurementIterations >= 1, "need >= 0 warm-up and >= 1 measurement iterations");
            require(warmupMs >= 1 && measurementMs >= 1 && iterationTimeoutS >= 1, "times must be positive");
        }

        /** The argument list {@link #main} parses back into this launch. */
        public List<String> toArgs() {
            return List.of(target, classDir, className, String.valueOf(size), String.valueOf(forks),
                    String.valueOf(warmupIterations), String.valueOf(warmupMs),
                    String.valueOf(measurementIterations), String.valueOf(measurementMs), resultJson,
                    String.valueOf(iterationTimeoutS));
        }
    }

    static final long DEFAULT_ITERATION_TIMEOUT_S = 60;

    private JmhLauncher() {
    }

    /** A launch with the default fork, warm-up and measurement settings. */
    public static Launch defaults(String target, String classDir, String className, int size, String resultJson) {
        return new Launch(target, classDir, className, size, 1, 3, 1000, 5, 1000, resultJson, DEFAULT_ITERATION_TIMEOUT_S);
    }

    public static void main(String[] args) {
        Launch launch = LauncherArgs.parseOrExit(args, JmhLauncher::parse, "JmhLauncher",
                "JmhLauncher target classDir className size forks warmupIterations warmupMs"
                + " measurementIterations measurementMs resultJson [iterationTimeoutS]");
        try {
            Collection<RunResult> results = new Runner(options(launch)).run();
            if (results.isEmpty()) {
                System.err.println("JmhLauncher: JMH produced no result");
                System.exit(1);
            }
        } catch (RunnerException | RuntimeException e) {
            System.err.println("JmhLauncher: JMH failed: " + e);
            System.exit(1);
        }
    }

    /** Parses the positional arguments (see the class comment). */
    public static Launch parse(String[] args) {
        if (args.length != 10 && args.length != 11) {
            throw new IllegalArgumentException("expected 10 or 11 arguments, got " + args.length);
        }
        return new Launch(args[0], args[1], args[2], integer(args[3], "size"), integer(args[4], "forks"),
                integer(args[5], "warmupIterations"), integer(args[6], "warmupMs"),
                integer(args[7], "measurementIterations"), integer(args[8], "measurementMs"), args[9],
                args.length == 11 ? integer(args[10], "iterationTimeoutS") : DEFAULT_ITERATION_TIMEOUT_S);
    }

    /** The JMH options for a launch: only {@link VariantBenchmark}, average time in ms/op, JSON out. */
    public static Options options(Launch l) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(VariantBenchmark.class.getName()) + "\\.")
                .param("target", l.target())
                .param("classDir", l.classDir())
                .param("className", l.className())
                .param("size", String.valueOf(l.size()))
                .forks(l.forks())
                .warmupIterations(l.warmupIterations())
                .warmupTime(TimeValue.milliseconds(l.warmupMs()))
                .measurementIterations(l.measurementIterations())
                .measurementTime(TimeValue.milliseconds(l.measurementMs()))
                .timeout(TimeValue.seconds(l.iterationTimeoutS()))
                .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Xmx1g")
                .resultFormat(ResultFormatType.JSON)
                .result(l.resultJson())
                .shouldFailOnError(true)
                .build();
    }

    private static int integer(String s, String what) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer: '" + s + "'");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
