package dev.evolve.eval.plugin;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.Folders;
import dev.evolve.eval.StreamCapture;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.sandbox.ProcessStarts;
import dev.evolve.eval.sandbox.Confinement;
import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.eval.statics.BlockIntegrity;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Judges a program with an external command, so that targets in any language work: the candidate
 * is written to the target's file name inside a fresh private directory, the command runs there,
 * and the last JSON object on its standard output is the verdict (see {@link CommandVerdict}).
 *
 * <pre>{@code
 * var evaluator = new CommandEvaluator(new ScoredProgram("python", "heuristic.py", seed, true),
 *         new CommandSpec(List.of("python3", "evaluate.py", "{file}"), Duration.ofSeconds(30),
 *                 targetFolder, List.of("evaluate.py")));
 * EvaluationOutcome o = evaluator.evaluate(source);   // Scored, Rejected, TimedOut or Crashed
 * }</pre>
 *
 * <p>The command and the candidate it runs are in this JVM's OS sandbox
 * ({@link dev.evolve.eval.sandbox.SandboxPolicy#current()}; with bubblewrap: read-only machine, the
 * private directory as the one writable folder, the target folder readable, no network, no engine
 * process in sight), with an empty environment except {@code LANG}, a fixed system {@code PATH},
 * and {@code HOME} and {@code TMPDIR} pointing at its private directory (so no API key reaches
 * it); its standard input is empty; its output is captured with a bound; past the deadline it is
 * killed with everything it started; and the directory is deleted afterwards. Thread-safe: each
 * evaluation has its own process and directory.
 */
public final class CommandEvaluator implements VariantEvaluator {

    /** The search path commands get; the engine's own {@code PATH} is not passed on. */
    public static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    static final int STDOUT_LIMIT = 64 * 1024;
    static final int STDERR_LIMIT = 16 * 1024;
    /** How much of the error output goes into a failure's message (and so into prompts). */
    static final int MESSAGE_TAIL = 1_500;
    private static final long DRAIN_MS = 500;

    private final ScoredProgram program;
    private final CommandSpec spec;
    private final Path tempRoot;
    private final Sandbox sandbox;

    public CommandEvaluator(ScoredProgram program, CommandSpec spec) {
        this(program, spec, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param tempRoot where the private directories are made */
    public CommandEvaluator(ScoredProgram program, CommandSpec spec, Path tempRoot) {
        this(program, spec, tempRoot, SandboxPolicy.current().sandbox());
    }

    /** @param sandbox the OS sandbox the command runs in */
    public CommandEvaluator(ScoredProgram program, CommandSpec spec, Path tempRoot, Sandbox sandbox) {
        this.program = Objects.requireNonNull(program, "program");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.tempRoot = Objects.requireNonNull(tempRoot, "tempRoot");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
    }

    /**
     * @throws IllegalStateException when the command cannot be started at all (not found, not
     *                               executable) or the private directory cannot be made: no program's fault
     */
    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        List<String> broken = BlockIntegrity.violations(program.seedSource(), source);
        if (!broken.isEmpty()) {
            return new EvaluationOutcome.Rejected(String.join("; ", broken));
        }
        Path dir = null;
        try {
            dir = privateDirectory();
            Path file = dir.resolve(program.fileName());
            Files.writeString(file, source, StandardCharsets.UTF_8);
            copyFiles(dir);
            return run(dir, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the evaluator's directory: " + e.getMessage(), e);
        } finally {
            Folders.deleteQuietly(dir);
        }
    }

    private EvaluationOutcome run(Path dir, Path file) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        for (String arg : spec.command()) {
            command.add(arg.replace("{file}", file.toString()).replace("{dir}", dir.toString())
                    .replace("{target}", spec.folder().toAbsolutePath().normalize().toString()));
        }
        if (!startable(command.getFirst(), dir)) {
            // inside a sandbox the failure would only show as exit code 127, the program's fault in appearance
            throw new IllegalStateException("cannot start the evaluator command " + spec.command() + ": "
                    + command.getFirst() + " is not an executable file" + (command.getFirst().contains("/") ? ""
                    : " on " + PATH));
        }
        List<Path> readable = new ArrayList<>(List.of(spec.folder()));
        if (Path.of(command.getFirst()).isAbsolute()) {
            readable.add(Path.of(command.getFirst()));
        }
        command = sandbox.wrap(command, new Confinement(dir, readable, List.of(), false));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("LANG", "C.UTF-8");
        env.put("PATH", PATH);
        env.put("HOME", dir.toString());
        env.put("TMPDIR", dir.toString());
        Process process;
        try {
            process = ProcessStarts.start(builder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the evaluator command " + spec.command() + ": "
                    + e.getMessage(), e);
        }
        var out = StreamCapture.tail(process.getInputStream(), STDOUT_LIMIT, "evolve-command-out-" + process.pid());
        var err = StreamCapture.tail(process.getErrorStream(), STDERR_LIMIT, "evolve-command-err-" + process.pid());
        boolean finished = false;
        try {
            finished = process.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            if (!finished) {
                ProcessStarts.killTree(process);          // late or interrupted: nothing it started outlives it
            }
        }
        out.awaitEnd(DRAIN_MS);
        err.awaitEnd(DRAIN_MS);
        if (!finished) {
            return new EvaluationOutcome.TimedOut("evaluation", spec.timeout());
        }
        int exit = process.exitValue();
        String stderr = err.text();
        CommandVerdict verdict = CommandVerdict.of(out.text());
        return switch (verdict) {
            case CommandVerdict.Invalid invalid -> new EvaluationOutcome.Rejected("the evaluator found the program "
                    + "invalid: " + invalid.reason());
            case CommandVerdict.Scored s when exit == 0 -> {
                Map<String, String> artifacts = new LinkedHashMap<>(s.artifacts());
                if (!stderr.isBlank() && !artifacts.containsKey("stderr")) {
                    artifacts.put("stderr", tail(stderr));
                }
                yield new EvaluationOutcome.Scored("score", s.score(), program.maximize(), s.metrics(), artifacts);
            }
            case CommandVerdict.Scored s -> crashed(Crashed.Kind.EXIT, "the evaluator command exited with code "
                    + exit + " after printing a score", stderr, out.text());
            case CommandVerdict.Unreadable u when exit != 0 -> crashed(Crashed.Kind.EXIT,
                    "the evaluator command exited with code " + exit, stderr, out.text());
            case CommandVerdict.Unreadable u -> crashed(Crashed.Kind.EXCEPTION, u.why(), stderr, out.text());
        };
    }

    /** Whether {@code program} names an executable: a path (relative to {@code dir}) or a name on {@link #PATH}. */
    static boolean startable(String program, Path dir) {
        if (program.contains("/")) {
            Path p = dir.resolve(program);
            return Files.isExecutable(p) && !Files.isDirectory(p);
        }
        for (String d : PATH.split(":")) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return true;
            }
        }
        return false;
    }

    private static EvaluationOutcome crashed(Crashed.Kind kind, String what, String stderr, String stdout) {
        String message = stderr.isBlank() ? what + " (no error output)" : what + "; its error output ends with:\n"
                + tail(stderr);
        return new Crashed(kind, message, "", "stdout:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr));
    }

    private static String tail(String text) {
        String s = text.strip();
        return s.length() <= MESSAGE_TAIL ? s : "..." + s.substring(s.length() - MESSAGE_TAIL);
    }

    private Path privateDirectory() throws IOException {
        Files.createDirectories(tempRoot);
        try {
            return Files.createTempDirectory(tempRoot, "evolve-eval-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempDirectory(tempRoot, "evolve-eval-");
        }
    }

    private void copyFiles(Path dir) throws IOException {
        Path folder = spec.folder().toAbsolutePath().normalize();
        for (String relative : spec.files()) {
            Path from = folder.resolve(relative).normalize();
            Path to = dir.resolve(relative).normalize();
            if (!from.startsWith(folder) || !to.startsWith(dir)) {
                throw new IOException(relative + " is outside the target folder");
            }
            if (Files.isDirectory(from)) {
                try (Stream<Path> tree = Files.walk(from)) {
                    for (Path p : tree.toList()) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(target);
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            } else {
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void close() {
        // nothing held between evaluations
    }
}
