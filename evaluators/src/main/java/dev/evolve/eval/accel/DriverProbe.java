package dev.evolve.eval.accel;

import dev.evolve.eval.StreamCapture;
import dev.evolve.eval.worker.WorkerLaunch;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs a driver's discovery code in a child JVM, so that loading a native driver (an OpenCL ICD,
 * PoCL and its LLVM, Aparapi's JNI library) never happens in the engine's own process: a driver
 * that segfaults or hangs while it lists devices costs the probe, and the engine reports why.
 *
 * <pre>{@code
 * switch (DriverProbe.run(OpenClDevices.class, List.of("--probe"), List.of("--enable-native-access=ALL-UNNAMED"),
 *         env, Duration.ofSeconds(60))) {
 *     case DriverProbe.Outcome.Printed p -> p.lines().forEach(System.out::println);
 *     case DriverProbe.Outcome.Failed f -> System.out.println(f.reason());
 * }
 * }</pre>
 *
 * <p>The child is this JVM's {@code java} with this JVM's class path and a 64 MiB heap; a JVM crash
 * report goes to the temp directory, not the working directory, and a failure names it. It is a
 * trusted process (engine code; no candidate runs in it), so it runs outside the OS sandbox with
 * exactly the environment it is given.
 */
public final class DriverProbe {

    /** What the child's standard output keeps at most; discovery prints a few lines. */
    private static final int OUTPUT_LIMIT = 64 * 1024;
    private static final int ERRORS_LIMIT = 4 * 1024;

    /** Numbers the probes of this JVM, for their crash report files. */
    private static final AtomicInteger PROBES = new AtomicInteger();

    private DriverProbe() {
    }

    /** How a probe ended. */
    public sealed interface Outcome {

        /** The child exited 0; what it printed, line by line. */
        record Printed(List<String> lines) implements Outcome {
            public Printed {
                lines = List.copyOf(lines);
            }
        }

        /** The child could not start, crashed, exited non-zero or ran out of time. */
        record Failed(String reason) implements Outcome {
            public Failed {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * Runs {@code main} with {@code args} in a child JVM and waits at most {@code timeout}.
     *
     * @param jvmOptions  options before the class path, e.g. {@code --enable-native-access=ALL-UNNAMED}
     * @param environment the child's whole environment
     */
    public static Outcome run(Class<?> main, List<String> args, List<String> jvmOptions,
                              Map<String, String> environment, Duration timeout) {
        WorkerLaunch thisJvm;
        try {
            thisJvm = WorkerLaunch.fromThisJvm(64, 1);
        } catch (IllegalStateException e) {
            return new Outcome.Failed(e.getMessage());
        }
        Path java = thisJvm.javaExecutable();
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        Path crashReport = thisJvm.tempRoot().resolve("evolve-driver-probe-" + ProcessHandle.current().pid() + "-"
                + PROBES.incrementAndGet() + ".log");
        command.add("-XX:ErrorFile=" + crashReport);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(thisJvm.classPath());
        command.add(main.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome.Failed("could not start " + java + ": " + e.getMessage());
        }
        StreamCapture out = StreamCapture.head(process.getInputStream(), OUTPUT_LIMIT, "driver-probe-out");
        StreamCapture err = StreamCapture.tail(process.getErrorStream(), ERRORS_LIMIT, "driver-probe-err");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Outcome.Failed("the driver did not answer within " + timeout.toSeconds() + " s while listing devices");
            }
            out.awaitEnd(5_000);
            err.awaitEnd(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Outcome.Failed("interrupted while listing devices");
        }
        int exit = process.exitValue();
        if (exit != 0) {
            String report = Files.exists(crashReport) ? " (the JVM's crash report: " + crashReport + ")" : "";
            return new Outcome.Failed(describeExit(exit) + " while listing devices" + errors(err.text()) + report);
        }
        return new Outcome.Printed(out.text().lines().toList());
    }

    /** An exit status in words: a signal for 128+n (as a shell reports it), else the status. */
    static String describeExit(int exit) {
        return switch (exit) {
            case 134 -> "the driver aborted (SIGABRT)";
            case 136 -> "the driver crashed (SIGFPE)";
            case 137 -> "the driver was killed (SIGKILL, perhaps for memory)";
            case 139 -> "the driver crashed (SIGSEGV)";
            default -> exit > 128 && exit < 160 ? "the driver died of signal " + (exit - 128) : "the probe exited " + exit;
        };
    }

    private static String errors(String text) {
        String last = text.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        return last.isEmpty() ? "" : ": " + last;
    }

    private static File nullDevice() {
        File dev = new File("/dev/null");
        return dev.exists() ? dev : new File("NUL");
    }

    /** Writes {@code lines} as UTF-8 to standard output (a probe's answer) and flushes. */
    public static void print(List<String> lines) {
        byte[] bytes = lines.stream().map(l -> l + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8);
        System.out.write(bytes, 0, bytes.length);
        System.out.flush();
    }
}
