package dev.evolve.eval.plugin;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.statics.BlockIntegrity;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.eval.worker.WorkerLease;
import dev.evolve.eval.worker.WorkerMain;
import dev.evolve.eval.worker.WorkerPool;
import dev.evolve.eval.worker.WorkerReply;
import dev.evolve.eval.worker.WorkerRequest;
import dev.evolve.eval.worker.WorkerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Runs a user's {@link ProgramEvaluator} in worker JVMs: the same pool, protocol and sandbox as the
 * Java cascade's workers (an empty environment, a private directory, heap and processor caps, SIGKILL
 * at the deadline and a fresh worker after a crash), with the user's jar on the workers' class path.
 * The plug-in never runs in the engine's JVM; the engine only reads the jar's service list to check
 * that the plug-in is there.
 *
 * <pre>{@code
 * try (var evaluator = PluginEvaluator.start(new ScoredProgram("text", "points.txt", seed, true),
 *         new PluginSpec(jar, "example.SpreadPointsEvaluator", Duration.ofSeconds(30), 2, 256, 200))) {
 *     EvaluationOutcome o = evaluator.evaluate(source);
 * }
 * }</pre>
 */
public final class PluginEvaluator implements VariantEvaluator {

    static final String SERVICES = "META-INF/services/" + ProgramEvaluator.class.getName();

    private final ScoredProgram program;
    private final PluginSpec spec;
    private final WorkerPool pool;
    private final WorkerRequest.ScoreTask task;

    private PluginEvaluator(ScoredProgram program, PluginSpec spec, WorkerPool pool) {
        this.program = program;
        this.spec = spec;
        this.pool = pool;
        this.task = new WorkerRequest.ScoreTask(spec.plugin(), program.language(), program.fileName());
    }

    /**
     * Checks the jar and starts the workers (in the background).
     *
     * @throws IllegalArgumentException when the jar is missing, unreadable, no jar, or does not list
     *                                  the plug-in among its {@link ProgramEvaluator} services
     */
    public static PluginEvaluator start(ScoredProgram program, PluginSpec spec) {
        Objects.requireNonNull(program, "program");
        check(spec.jar(), spec.plugin());
        WorkerLaunch launch = launch(spec.jar(), spec.heapMiB(), Runtime.getRuntime().availableProcessors());
        return new PluginEvaluator(program, spec, LocalWorkerPool.start(launch, spec.workers(),
                spec.candidatesPerWorker()));
    }

    /** Workers that run {@link PluginHost} with {@code jar} on their class path, and no compiler warm-up. */
    static WorkerLaunch launch(Path jar, int heapMiB, int processors) {
        return WorkerLaunch.fromThisJvm(heapMiB, processors)
                .withClassPathEntry(jar)
                .withJvmOptions(List.of("-D" + WorkerMain.NO_COMPILER_PROPERTY + "=true",
                        "-D" + WorkerMain.HANDLER_PROPERTY + "=" + PluginHost.class.getName()))
                .withAotCache(false);           // the cache would have to be trained anew for every jar
    }

    /** The same, on a pool the caller made (whose workers have the jar on their class path); for tests. */
    static PluginEvaluator using(ScoredProgram program, PluginSpec spec, WorkerPool pool) {
        return new PluginEvaluator(program, spec, pool);
    }

    /**
     * Checks that {@code jar} lists {@code plugin} among its {@link ProgramEvaluator} services, reading
     * the jar's service list without loading any of its classes.
     *
     * @throws IllegalArgumentException saying what is wrong with the jar
     */
    public static void check(Path jar, String plugin) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("evaluator jar " + jar + ": no such file");
        }
        if (!Files.isReadable(jar)) {
            throw new IllegalArgumentException("evaluator jar " + jar + ": cannot read it (permission denied)");
        }
        List<String> listed = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(SERVICES);
            if (entry == null) {
                throw new IllegalArgumentException("evaluator jar " + jar + " has no " + SERVICES
                        + "; list the plug-in class " + plugin + " in it");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                for (String line : new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8).lines().toList()) {
                    String name = line.replaceFirst("#.*", "").strip();
                    if (!name.isEmpty()) {
                        listed.add(name);
                    }
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException("evaluator jar " + jar + " is not a jar: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("evaluator jar " + jar + ": cannot read it: " + e.getMessage());
        }
        if (!listed.contains(plugin)) {
            throw new IllegalArgumentException("evaluator jar " + jar + ": " + SERVICES + " does not list "
                    + plugin + (listed.isEmpty() ? " (it lists nothing)" : " (it lists " + String.join(", ", listed) + ")"));
        }
    }

    /**
     * @throws IllegalStateException when the plug-in cannot be loaded in the worker, or the worker
     *                               breaks the protocol: no program's fault
     */
    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        List<String> broken = BlockIntegrity.violations(program.seedSource(), source);
        if (!broken.isEmpty()) {
            return new EvaluationOutcome.Rejected(String.join("; ", broken));
        }
        WorkerResponse response;
        try (WorkerLease worker = pool.acquire()) {
            response = worker.call(WorkerRequest.score(task, source), spec.timeout());
        }
        return switch (response) {
            case WorkerResponse.Overran o -> new EvaluationOutcome.TimedOut("evaluation", o.limit());
            case WorkerResponse.Died d -> new Crashed(Crashed.Kind.EXIT, "the worker process ended with exit code "
                    + d.exitCode() + " while the plug-in evaluated the program"
                    + (d.reason().isEmpty() ? "" : " (" + d.reason() + ")"), "", d.output());
            case WorkerResponse.Replied r -> outcome(r);
        };
    }

    private EvaluationOutcome outcome(WorkerResponse.Replied r) {
        WorkerReply reply = r.reply();
        return switch (reply.kind()) {
            case SCORED -> {
                var s = reply.score();
                Double value = s.metrics().get(s.primary());
                if (value == null) {
                    throw new IllegalStateException("the worker's score lacks its primary metric " + s.primary());
                }
                yield new EvaluationOutcome.Scored(s.primary(), value, program.maximize(), s.metrics(), s.artifacts());
            }
            case INVALID -> new EvaluationOutcome.Rejected("the evaluator found the program invalid: "
                    + reply.message());
            case CRASHED -> new Crashed(reply.crash(), reply.message(), reply.stackTrace(), r.output());
            case ERROR -> throw new IllegalStateException(reply.message());
            case READY, COMPILED, COMPILE_FAILED, PASSED, INCORRECT, TIMED, OUTPUTS -> throw new IllegalStateException(
                    "worker protocol error while scoring: " + reply.kind() + " " + reply.message());
        };
    }

    @Override
    public void close() {
        pool.close();
    }
}
