package dev.evolve.engine.run;

import dev.evolve.engine.db.DatabaseConfig;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.llm.Accounting;
import dev.evolve.engine.llm.AdaptiveModelMix;
import dev.evolve.engine.llm.ModelClient;
import dev.evolve.engine.llm.ModelClients;
import dev.evolve.engine.llm.ModelSpec;
import dev.evolve.engine.llm.Provider;
import dev.evolve.engine.llm.RecordingModelClient;
import dev.evolve.engine.llm.ReplayModelClient;
import dev.evolve.engine.llm.RetryingModelClient;
import dev.evolve.engine.mutate.llm.EditParser;
import dev.evolve.engine.mutate.llm.HardwareFacts;
import dev.evolve.engine.mutate.llm.ModelMutator;
import dev.evolve.engine.mutate.llm.PromptBuilder;
import dev.evolve.engine.mutate.llm.PromptTemplates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.engine.wiring.Workbenches;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.kernels.Target;
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
                                       Function<Target, VariantEvaluator> evaluators) throws InterruptedException {
        ConfigFiles.write(config, folder.config());
        return run(folder, config, evaluators);
    }

    /** Continues the run in {@code dir} with the configuration it was started with. */
    public static RunSummary resume(Path dir) throws InterruptedException {
        RunFolder folder = RunFolder.open(dir);
        return run(folder, ConfigFiles.read(folder.config()), null);
    }

    /** The target a configuration names, timed at its {@code timing_size} when given. */
    public static Target targetOf(RunConfig config) {
        return TargetCatalog.resolve(config.target(), config.timingSize());
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

    /**
     * The model side of a {@code llm} or {@code mixed} run, or null for {@code ast}: each model's
     * client (API key from the environment only), metered, retried, and recorded in the run folder;
     * with {@code replay}, the recorded replies of another run instead, and no network.
     */
    static ModelLane modelLane(RunConfig config, RunFolder folder, Target target, ProgramDatabase db,
                               EventLog events, RunDisplay display) {
        if (config.mutator().equals("ast")) {
            return null;
        }
        var accounting = new Accounting(config.llmBudgetUsd() == null ? Double.POSITIVE_INFINITY : config.llmBudgetUsd());
        Map<String, ModelClient> clients = new LinkedHashMap<>();
        List<ModelSpec> specs = new ArrayList<>();
        if (config.replay() != null) {
            Path from = Path.of(config.replay());
            specs.add(new ModelSpec(Provider.OPENAI, "", "replay", "", 1.0, Duration.ofMinutes(1), 0, 0));
            clients.put("replay", new ReplayModelClient(from, true));
        } else {
            for (RunConfig.ModelEntry m : config.models()) {
                ModelSpec spec = new ModelSpec(Provider.parse(m.provider()), m.baseUrl(), m.model(), m.apiKeyEnv(),
                        m.weight(), RunConfig.parseDuration(m.timeout(), "models[].timeout"), m.inputPrice(),
                        m.outputPrice());
                ModelClient client = accounting.meter(ModelClients.create(spec, System.getenv()), spec);
                var defaults = RetryingModelClient.Policy.defaults();
                client = new RetryingModelClient(client, new RetryingModelClient.Policy(config.llmRetries(),
                        defaults.baseDelay(), defaults.maxDelay(), defaults.maxRetryAfter(), config.llmInFlight()),
                        new SplittableRandom(config.seed()));
                specs.add(spec);
                clients.put(spec.model(), new RecordingModelClient(client, folder.dir()));
            }
        }
        var templates = config.templates() == null ? PromptTemplates.defaults(target.language())
                : PromptTemplates.withOverrides(Path.of(config.templates()), target.language());
        var prompts = new PromptBuilder(target, HardwareFacts.detect(), templates);
        Map<String, ModelSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.model(), spec));
        var mutator = new ModelMutator(prompts, new EditParser(), clients,
                (model, c) -> byName.get(model).cost(c.inputTokens(), c.outputTokens()), config.llmAttempts());
        var mix = AdaptiveModelMix.of(specs, new SplittableRandom(config.seed() + 1));
        return new ModelLane(db, mutator, mix, accounting, config.llmInFlight(), config.islands(), config.seed(),
                events, display);
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
             var db = IslandDatabase.open(folder.database(), databaseConfig(config));
             Workbench bench = evaluators != null ? Workbenches.withEvaluator(target, evaluators.apply(target))
                     : Workbenches.forRun(target, config);
             var events = new EventLog(folder.events(), clock)) {
            var search = new RecipeSearch(bench.rewrites(), new RecipeSearch.Config(
                    config.recipeLength(), config.population(), config.generations(),
                    RecipeSearch.Config.DEFAULT.steadyGenerations(), RecipeSearch.Config.DEFAULT.mutationRate(),
                    RecipeSearch.Config.DEFAULT.crossoverRate(), RecipeSearch.Config.DEFAULT.knobSlots()));
            try (ModelLane lane = modelLane(config, folder, target, db, events, display)) {
                var evolution = Evolution.prepare(new Evolution.Parts(target, config, folder, db, bench.evaluator(),
                        bench.retiming(), search, events, display, clock, lane));
                budget[0] = evolution.budget();
                if (lane != null) {
                    lane.start();
                }
                return evolution.run();
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
