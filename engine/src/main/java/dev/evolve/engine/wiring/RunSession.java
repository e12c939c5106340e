package dev.evolve.engine.wiring;

import dev.evolve.engine.cluster.ClusterLink;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.EventLog;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.run.Budget;
import dev.evolve.engine.run.Evolution;
import dev.evolve.engine.run.ModelProposer;
import dev.evolve.engine.run.Observers;
import dev.evolve.engine.run.RunDisplay;
import dev.evolve.engine.run.Workbench;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.kernels.Target;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Wires a run from its configuration and folder, runs it, and tears it down: the database, the
 * worker pool, the event log and the display are opened here and always closed, also on Ctrl-C
 * (the run stops proposing, abandons what is in flight, writes its summary and stays resumable).
 */
public final class RunSession {

    private RunSession() {
    }

    /** Starts a new run in {@code folder} (already created) with {@code config}. */
    public static RunSummary start(RunFolder folder, RunConfig config) throws InterruptedException {
        ConfigFiles.write(config, folder.config());
        return run(folder, config, null);
    }

    /**
     * Starts a new run whose candidates are judged by {@code evaluators} instead of the sandboxed
     * cascade (benchmarks of the loop itself; plug-in evaluators). Re-timing evaluates again.
     */
    public static RunSummary startWith(RunFolder folder, RunConfig config,
                                       Function<Target, VariantEvaluator> evaluators) throws InterruptedException {
        ConfigFiles.write(config, folder.config());
        return run(folder, config, evaluators);
    }

    /** Continues the run in {@code dir} with the configuration it was started with (either config shape). */
    public static RunSummary resume(Path dir) throws InterruptedException {
        RunFolder folder = RunFolder.open(dir);
        return run(folder, ConfigFiles.read(folder.config()), null);
    }

    /** Continues the run in {@code dir}, its candidates judged by {@code evaluators} as in {@link #startWith}. */
    public static RunSummary resumeWith(Path dir, Function<Target, VariantEvaluator> evaluators)
            throws InterruptedException {
        RunFolder folder = RunFolder.open(dir);
        return run(folder, ConfigFiles.read(folder.config()), evaluators);
    }

    /** The target a configuration names, timed at its {@code timing_size} when given. */
    public static Target targetOf(RunConfig config) {
        return TargetCatalog.resolve(config.target(), config.evaluation().timingSize());
    }

    /** The sandbox in force goes into the event log (the command line has shown a fallback already). */
    private static void logSandbox(EventLog events) {
        var sandbox = SandboxPolicy.current();
        events.log(new RunEvent.Sandbox(sandbox.fellBack(), sandbox.requested().key(), sandbox.sandbox().mode(),
                sandbox.reason()));
    }

    /** @param evaluators null for the target's own evaluator (see {@link Workbenches}) */
    private static RunSummary run(RunFolder folder, RunConfig config,
                                  Function<Target, VariantEvaluator> evaluators) throws InterruptedException {
        Target target = targetOf(config);
        InstantSource clock = InstantSource.system();
        Thread main = Thread.currentThread();
        CountDownLatch closed = new CountDownLatch(1);
        Budget[] budget = new Budget[1];
        RunDisplay display = RunDisplay.forConsole(clock);
        // Ctrl-C: stop proposing, interrupt what is in flight, wait until everything is written and closed.
        Thread hook = new Thread(() -> {
            if (budget[0] != null) {
                budget[0].requestStop();
            }
            display.message("stopping: writing the summary; continue later with 'evolve resume " + folder.dir() + "'");
            main.interrupt();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "evolve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (display;
             var db = IslandDatabase.open(folder.database(), config.database().toDatabaseConfig());
             Workbench bench = evaluators != null ? Workbenches.withEvaluator(target, evaluators.apply(target))
                     : Workbenches.forRun(target, config);
             var events = new EventLog(folder.events(), clock);
             ClusterLink cluster = config.cluster() == null ? null
                     : ClusterLink.open(config, folder.database(), bench.evaluator(), clock)) {
            logSandbox(events);
            var observers = Observers.standard(folder, target.fileName(), events,
                    cluster == null ? display : cluster.around(display));
            VariantEvaluator evaluator = cluster == null ? bench.evaluator() : cluster.evaluator(observers::event);
            var search = new RecipeSearch(bench.rewrites(), config.search().recipe(), RewriteLibrary::finishing,
                    RewriteLibrary.sketches());
            try (ModelProposer model = ModelWiring.proposer(config, folder, target, observers)) {
                var evolution = Evolution.prepare(new Evolution.Parts(target,
                        cluster == null ? config : cluster.loopConfig(config), folder.runId(), db,
                        evaluator, bench.retiming(), search, model, observers, clock));
                budget[0] = evolution.budget();
                if (model != null) {
                    model.start();
                }
                try {
                    return evolution.run();
                } finally {
                    if (cluster != null) {
                        cluster.annotateSummary(folder);
                    }
                }
            }
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and has just been released
            }
        }
    }
}
