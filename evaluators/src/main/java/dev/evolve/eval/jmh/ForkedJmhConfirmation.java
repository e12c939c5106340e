package dev.evolve.eval.jmh;

import dev.evolve.bench.JmhLauncher;
import dev.evolve.bench.VariantBenchmark;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.StreamCapture;
import dev.evolve.eval.sandbox.ProcessStarts;
import dev.evolve.eval.sandbox.Confinement;
import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.kernels.KernelTarget;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confirms a variant's speed with the fixed JMH harness, run by {@link JmhLauncher} in a separate
 * process: the JVM of {@code java.home}, this process's class path, an empty environment (JMH
 * forks inherit the launcher's, and no engine variable or API key may reach variant code), a
 * private temporary directory as working directory and {@code java.io.tmpdir}, and a hard
 * timeout that kills the launcher and every JMH fork below it. The launcher runs in this JVM's
 * OS sandbox ({@link SandboxPolicy#current()}), and its forks with it: its private directory (the
 * result file) is the one writable folder, the variant's class directory is readable, and the
 * forks reach the launcher over the sandbox's own loopback. Variant code gets no JNI or FFM
 * ({@code --illegal-native-access=deny} on JDK 24+, inherited by the forks); {@code sun.misc.Unsafe}
 * stays allowed, since JMH itself uses it.
 *
 * <p>One JMH run at a time per machine: JMH's own lock lives in {@code java.io.tmpdir}, which is
 * private to each run here, so runs are serialized with a lock file in the system temporary
 * directory (across processes) and a lock in this JVM (across threads).
 *
 * <pre>{@code
 * var jmh = new ForkedJmhConfirmation(JmhSettings.DEFAULT);
 * EvaluationOutcome.Jmh result = jmh.confirm(target, classDir, "Matmul");   // at target.timingSize()
 * }</pre>
 */
public final class ForkedJmhConfirmation implements JmhConfirmation {

    private static final String BENCHMARK = VariantBenchmark.class.getName() + ".invoke";
    private static final String LOCK_FILE = "evolve-jmh.lock";
    private static final int OUTPUT_TAIL_BYTES = 64 * 1024;
    private static final int MESSAGE_TAIL_CHARS = 4000;
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("(?m)^([\\w$]+\\.)+[\\w$]*(Exception|Error)\\b.*$");

    private final JmhSettings settings;
    private final Path lockFile;
    private final Sandbox sandbox;

    public ForkedJmhConfirmation() {
        this(JmhSettings.DEFAULT);
    }

    public ForkedJmhConfirmation(JmhSettings settings) {
        this(settings, SandboxPolicy.current().sandbox());
    }

    /** @param sandbox the OS sandbox the launcher and its forks run in */
    public ForkedJmhConfirmation(JmhSettings settings, Sandbox sandbox) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.lockFile = Path.of(System.getProperty("java.io.tmpdir"), LOCK_FILE);
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    public JmhSettings settings() {
        return settings;
    }

    @Override
    public EvaluationOutcome.Jmh confirm(KernelTarget target, Path classDir, String className)
            throws InterruptedException {
        return confirm(target, classDir, className, target.timingSize());
    }

    /** As {@link #confirm(KernelTarget, Path, String)}, at problem size {@code size} instead of the timing size. */
    public EvaluationOutcome.Jmh confirm(KernelTarget target, Path classDir, String className, int size)
            throws InterruptedException {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1: " + size);
        }
        if (!Files.isDirectory(classDir)) {
            throw new IllegalArgumentException("class directory does not exist: " + classDir);
        }
        IN_PROCESS.lockInterruptibly();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return runLocked(target, classDir.toAbsolutePath(), className, size);
        } catch (ClosedByInterruptException | FileLockInterruptionException e) {
            Thread.interrupted();   // the exception below carries the interrupt
            throw new InterruptedException("interrupted while waiting for the machine-wide JMH lock");
        } catch (IOException e) {
            throw new JmhException("cannot run JMH: " + e);
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private EvaluationOutcome.Jmh runLocked(KernelTarget target, Path classDir, String className, int size)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("evolve-jmh-");
        try {
            Path result = work.resolve("result.json");
            var launch = new JmhLauncher.Launch(target.name(), classDir.toString(), className, size,
                    settings.forks(), settings.warmupIterations(), settings.warmupTime().toMillis(),
                    settings.measurementIterations(), settings.measurementTime().toMillis(), result.toString(),
                    settings.iterationTimeout().toSeconds());
            List<Path> readable = new ArrayList<>(List.of(classDir, Path.of(System.getProperty("java.home"))));
            for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (!e.isEmpty()) {
                    readable.add(Path.of(e));
                }
            }
            ProcessBuilder builder = new ProcessBuilder(sandbox.wrap(command(work, launch),
                    new Confinement(work, readable, List.of(), false)))
                    .directory(work.toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            Process process = ProcessStarts.start(builder);
            StreamCapture tail = StreamCapture.tail(process.getInputStream(), OUTPUT_TAIL_BYTES, "jmh-output");
            boolean finished;
            try {
                finished = process.waitFor(settings.processTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                ProcessStarts.killTree(process);
                throw e;
            }
            if (!finished) {
                ProcessStarts.killTree(process);
                throw new JmhException("JMH ran past its limit of " + settings.processTimeout().toSeconds()
                        + " s and was killed; output tail:\n" + last(tail, MESSAGE_TAIL_CHARS));
            }
            tail.awaitEnd(TimeUnit.SECONDS.toMillis(5));
            if (process.exitValue() != 0) {
                String output = last(tail, MESSAGE_TAIL_CHARS);
                throw new JmhException("JMH failed (exit " + process.exitValue() + ")"
                        + headline(output).map(h -> ": " + h).orElse("") + "; output tail:\n" + output);
            }
            if (!Files.isRegularFile(result)) {
                throw new JmhException("JMH wrote no result file; output tail:\n" + last(tail, MESSAGE_TAIL_CHARS));
            }
            return JmhResultJson.parse(Files.readString(result, StandardCharsets.UTF_8), BENCHMARK);
        } finally {
            dev.evolve.eval.Folders.deleteQuietly(work);
        }
    }

    /** The first exception line of the output, usually the variant's failure: worth more than the tail. */
    static Optional<String> headline(String output) {
        Matcher m = EXCEPTION_LINE.matcher(output);
        return m.find() ? Optional.of(m.group().strip()) : Optional.empty();
    }

    private static List<String> command(Path work, JmhLauncher.Launch launch) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // JMH forks inherit these launcher flags; the harness appends the Vector API module and -Xmx1g.
        cmd.add("-Xmx256m");
        cmd.add("-Djava.io.tmpdir=" + work);
        cmd.add("--add-modules=jdk.incubator.vector");
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow");   // quiets JMH's Unsafe warning on JDK 23+
        }
        if (Runtime.version().feature() >= 24) {
            cmd.add("--illegal-native-access=deny");             // no JNI or FFM for variant code
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(JmhLauncher.class.getName());
        cmd.addAll(launch.toArgs());
        return cmd;
    }

    /** Keeps the last bytes a process writes, read on a daemon thread so the process never blocks on a full pipe. */

    /** The last {@code maxChars} characters of a process's kept output. */
    private static String last(StreamCapture output, int maxChars) {
        String s = output.text().strip();
        return s.length() <= maxChars ? s : "..." + s.substring(s.length() - maxChars);
    }
}
