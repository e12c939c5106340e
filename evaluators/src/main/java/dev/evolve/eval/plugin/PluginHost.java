package dev.evolve.eval.plugin;

import dev.evolve.eval.Folders;
import dev.evolve.eval.worker.CrashReport;
import dev.evolve.eval.worker.RequestHandler;
import dev.evolve.eval.worker.WorkerMain;
import dev.evolve.eval.worker.WorkerReply;
import dev.evolve.eval.worker.WorkerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The request handler of a plug-in's worker processes ({@link PluginEvaluator} names it with
 * {@link WorkerMain#HANDLER_PROPERTY}), the worker side of {@link WorkerRequest.Stage#SCORE}: finds the plug-in among the
 * {@link ProgramEvaluator} services on the worker's class path (the user's jar is on it), writes the
 * program into a fresh directory inside the worker's private directory, and asks the plug-in for a
 * score. Runs the user's code on the calling thread, so it belongs in a worker process only.
 */
public final class PluginHost implements RequestHandler {

    /** Artifacts are cut to this many characters: they go into prompts and the database. */
    static final int MAX_ARTIFACT_CHARS = 8_000;
    static final int MAX_METRICS = 64;

    private final Map<String, ProgramEvaluator> loaded = new HashMap<>();

    /** A public no-arg constructor: {@link WorkerMain} creates the handler by name. */
    public PluginHost() {
    }

    /** Nothing to warm: the plug-in is loaded with the first request that names it. */
    @Override
    public void warmUp() {
    }

    @Override
    public WorkerReply handle(WorkerRequest request) {
        if (request.stage() != WorkerRequest.Stage.SCORE) {
            return WorkerReply.error("a plug-in's worker scores programs only; it was asked to "
                    + request.stage());
        }
        return score(request, System.nanoTime());
    }

    WorkerReply score(WorkerRequest request, long start) {
        WorkerRequest.ScoreTask task = request.score();
        ProgramEvaluator plugin;
        try {
            plugin = find(task.plugin());
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            return WorkerReply.error("cannot load the evaluator plug-in " + task.plugin() + ": " + e);
        }
        if (plugin == null) {
            return WorkerReply.error("no evaluator plug-in " + task.plugin() + " among the "
                    + ProgramEvaluator.class.getName() + " services on the worker's class path");
        }
        Path dir;
        Path file;
        try {
            dir = Files.createTempDirectory("candidate-");   // java.io.tmpdir is the worker's private directory
            file = dir.resolve(task.fileName());
            Files.writeString(file, request.source(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return WorkerReply.error("cannot write the candidate into the worker's directory: " + e);
        }
        try {
            Score score = plugin.evaluate(new Candidate(request.source(), task.language(), dir, file));
            if (score == null) {
                return CrashReport.of(new IllegalStateException("the evaluator plug-in " + plugin.name()
                        + " returned no score"), start);
            }
            if (score.metrics().size() > MAX_METRICS) {
                return CrashReport.of(new IllegalStateException("the evaluator plug-in returned "
                        + score.metrics().size() + " metrics; at most " + MAX_METRICS + " are kept"), start);
            }
            Map<String, String> artifacts = new LinkedHashMap<>();
            score.artifacts().forEach((name, text) -> artifacts.put(name, cut(text)));
            return WorkerReply.scored(new WorkerReply.ScoreReply(score.primary(), score.metrics(), artifacts),
                    System.nanoTime() - start);
        } catch (InvalidCandidateException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? "(no reason given)" : e.getMessage();
            return WorkerReply.invalid(cut(why), System.nanoTime() - start);
        } catch (Throwable t) {
            return CrashReport.of(t, start);
        } finally {
            Folders.deleteQuietly(dir);
        }
    }

    /** The plug-in whose class (or, failing that, whose {@link ProgramEvaluator#name()}) is {@code wanted}. */
    private ProgramEvaluator find(String wanted) {
        ProgramEvaluator known = loaded.get(wanted);
        if (known != null) {
            return known;
        }
        ServiceLoader<ProgramEvaluator> services = ServiceLoader.load(ProgramEvaluator.class);
        for (ServiceLoader.Provider<ProgramEvaluator> p : services.stream().toList()) {
            if (p.type().getName().equals(wanted)) {
                ProgramEvaluator e = p.get();
                loaded.put(wanted, e);
                return e;
            }
        }
        for (ServiceLoader.Provider<ProgramEvaluator> p : services.stream().toList()) {
            ProgramEvaluator e = p.get();
            if (wanted.equals(e.name())) {
                loaded.put(wanted, e);
                return e;
            }
        }
        return null;
    }

    private static String cut(String text) {
        return text.length() <= MAX_ARTIFACT_CHARS ? text
                : text.substring(0, MAX_ARTIFACT_CHARS) + "\n[cut: " + (text.length() - MAX_ARTIFACT_CHARS) + " more characters]";
    }
}
