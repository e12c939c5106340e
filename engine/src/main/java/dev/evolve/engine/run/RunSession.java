package dev.evolve.engine.run;

import dev.evolve.engine.db.DatabaseConfig;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.eval.jmh.ForkedJmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import dev.evolve.eval.VariantEvaluator;
import java.nio.file.Path;
import java.util.function.Function;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
                                       Function<KernelTarget, VariantEvaluator> evaluators) throws InterruptedException {
        ConfigFiles.write(config, folder.config());
        return run(folder, config, evaluators);
    }

    /** Continues the run in {@code dir} with the configuration it was started with. */
    public static RunSummary resume(Path dir) throws InterruptedException {
        RunFolder folder = RunFolder.open(dir);
        return run(folder, ConfigFiles.read(folder.config()), null);
    }

    /** The target a configuration names, timed at its {@code timing_size} when given. */
    public static KernelTarget targetOf(RunConfig config) {
        KernelTarget target = Targets.require(config.target());
        return config.timingSize() == null ? target : Targets.withTimingSize(target, config.timingSize());
    }

    /**
     * The cascade of a run: a short timing screen (a best is confirmed with JMH before it is
     * reported), and candidates over 4x slower than the champion cut short after a few runs.
     */
    static CascadeConfig screening(RunConfig c) {
        return CascadeConfig.defaults().withWorkers(c.workers()).withHeapMiB(c.workerHeapMb())
                .withTimingPlan(new TimingPlan(2, 100, 400, 3, 10, 500, 3))
                .withSlowCutoff(4);
    }

    public static DatabaseConfig databaseConfig(RunConfig c) {
        return DatabaseConfig.defaults()
                .withIslands(c.islands())
                .withFeatures(c.features(), java.util.Map.of())
                .withExploitationRatio(c.exploitation())
                .withInspirations(c.inspirations())
                .withMigrationInterval(c.migrationInterval())
                .withResetInterval(c.resetInterval());
    }

    /** @param evaluators null for the sandboxed cascade */
    private static RunSummary run(RunFolder folder, RunConfig config,
                                  Function<KernelTarget, VariantEvaluator> evaluators) throws InterruptedException {
        KernelTarget target = targetOf(config);
        InstantSource clock = InstantSource.system();
        CascadeConfig cascadeConfig = screening(config);
        var search = new RecipeSearch(RewriteLibrary.forMatmul(), new RecipeSearch.Config(
                config.recipeLength(), config.population(), config.generations(),
                RecipeSearch.Config.DEFAULT.steadyGenerations(), RecipeSearch.Config.DEFAULT.mutationRate(),
                RecipeSearch.Config.DEFAULT.crossoverRate(), RecipeSearch.Config.DEFAULT.knobSlots()));
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
             var db = IslandDatabase.open(folder.database(), databaseConfig(config));
             VariantEvaluator evaluator = evaluators != null ? evaluators.apply(target)
                     : Cascade.create(target, cascadeConfig, new JavaParserStaticCheck(), null);
             var events = new EventLog(folder.events(), clock)) {
            Retiming retiming = evaluator instanceof Cascade cascade
                    ? new CascadeRetiming(cascade, target, config.jmh() ? new ForkedJmhConfirmation() : null,
                            folder.dir().resolve("tmp"))
                    : Retiming.byReevaluation(evaluator, target.seedSource());
            var evolution = Evolution.prepare(new Evolution.Parts(target, config, folder, db, evaluator, retiming,
                    search, events, display, clock));
            budget[0] = evolution.budget();
            return evolution.run();
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
