package dev.evolve.cli;

import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.engine.wiring.RunSession;
import dev.evolve.kernels.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code evolve run <target>}: evolves faster variants of a target until the budget is spent. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Evolve faster variants of a target. Defaults: rule-based mutators, 4 islands, a 5-minute budget.",
        "Results go to results/<run-id>/ (database, best.java, summary.json, events.jsonl, config.yaml).",
        "Ctrl-C stops cleanly; 'evolve resume <run-dir>' continues."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<target>", description = "Target name (see 'evolve targets') or a target folder holding target.yaml.")
    String target;

    @Mixin
    EvaluationOptions evaluation;

    @Option(names = "--budget", paramLabel = "DURATION", description = "Wall-clock budget, e.g. 90s, 10m, 1h (default 5m; none when only --iterations is given).")
    String budget;

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N children have entered the evaluation cascade.")
    Long iterations;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; fixes every random choice (default 42).")
    Long seed;

    @Option(names = "--mutator", paramLabel = "KIND", description = "ast (rule-based JavaParser rewrites; the default), llm (a language model) or mixed (both, interleaved).")
    String mutator;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "The language model's name (one model; use 'models' in --config for several).")
    String llmModel;

    @Option(names = "--llm-base-url", paramLabel = "URL", description = "The model server, e.g. http://127.0.0.1:8000/v1 (vLLM, llama.cpp, LM Studio, Ollama's /v1); default: the provider's public API.")
    String llmBaseUrl;

    @Option(names = "--llm-provider", paramLabel = "P", description = "openai (any OpenAI-compatible server; default), anthropic or gemini.")
    String llmProvider;

    @Option(names = "--llm-key-env", paramLabel = "VAR", description = "Name of the environment variable holding the API key (keys never go on the command line).")
    String llmKeyEnv;

    @Option(names = "--llm-budget", paramLabel = "USD", description = "Stop asking the model once this many dollars are spent (prices from the config).")
    Double llmBudget;

    @Option(names = "--replay", paramLabel = "RUN_DIR", description = "Answer model requests from the replies recorded in another run, with no network.")
    Path replay;

    @Option(names = "--templates", paramLabel = "DIR", description = "A folder of prompt templates that replace the built-in ones of the same name.")
    Path templates;

    @Option(names = "--on-model-failure", paramLabel = "WHAT", description = "When the model is down or its calls bring no new child: ast (rule-based mutations take its turns; default with --mutator mixed), wait (wait while it is down) or stop (end the run once it stalls; default with --mutator llm).")
    String onModelFailure;

    @Option(names = "--max-calls-per-child", paramLabel = "N", description = "Model calls without a new child after which the model lane backs off or the run stops (default 20).")
    Integer maxCallsPerChild;

    @Option(names = "--novelty-similarity", paramLabel = "S", description = "Cosine similarity of code embeddings at which a model child is a near copy of its island's programs and is not evaluated (default 0.99; 0: no check).")
    Double noveltySimilarity;

    @Option(names = "--islands", paramLabel = "K", description = "Number of islands in the program database (default 4).")
    Integer islands;

    @Option(names = "--no-jmh", description = "Do not confirm new bests with JMH (report screening timings only).")
    boolean noJmh;

    @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "Also evaluate on the cluster of 'evolve worker' members this member belongs to (the coordinator joins as a lite member).")
    String cluster;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "The cluster's name (default evolve).")
    String clusterName;

    @Option(names = "--no-local-workers", description = "With --cluster: evaluate on the cluster's members only (the champion is still re-timed here).")
    boolean noLocalWorkers;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default results/<run-id>/); must not exist or be empty.")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration; flags override it.")
    Path config;

    @Override
    public Integer call() {
        Target resolved = TargetResolver.resolve(target);
        if (TargetCatalog.builtIns().stream().noneMatch(t -> t.name().equals(target))) {
            // a folder: the configuration keeps its absolute path, so that 'evolve resume' works from anywhere
            target = Path.of(target).toAbsolutePath().normalize().toString();
        }
        Map<String, Object> flags = new LinkedHashMap<>();
        flags.put("evaluator_jar", evaluation.evaluatorJar == null ? null
                : evaluation.evaluatorJar.toAbsolutePath().normalize().toString());
        flags.put("budget", budget);
        flags.put("iterations", iterations);
        flags.put("seed", seed);
        flags.put("mutator", mutator);
        flags.put("islands", islands);
        flags.put("workers", evaluation.workers);
        flags.put("timing_size", evaluation.timingSize);
        flags.put("device", evaluation.device);
        flags.put("sandbox", evaluation.sandbox);
        if (noJmh) {
            flags.put("jmh", false);
        }
        flags.put("cluster.join", cluster);
        flags.put("cluster.name", clusterName);
        if (noLocalWorkers) {
            flags.put("cluster.local_workers", false);
        }
        if (llmModel != null) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("model", llmModel);
            model.put("provider", llmProvider);
            model.put("base_url", llmBaseUrl);
            model.put("api_key_env", llmKeyEnv);
            model.values().removeIf(java.util.Objects::isNull);
            flags.put("models", java.util.List.of(model));
        } else if (llmBaseUrl != null || llmProvider != null || llmKeyEnv != null) {
            throw new UsageException("--llm-base-url, --llm-provider and --llm-key-env need --llm-model");
        }
        flags.put("llm_budget_usd", llmBudget);
        flags.put("replay", replay == null ? null : replay.toString());
        flags.put("templates", templates == null ? null : templates.toString());
        flags.put("on_model_failure", onModelFailure);
        flags.put("models.max_calls_per_child", maxCallsPerChild);
        flags.put("models.novelty_similarity", noveltySimilarity);
        RunConfig effective;
        try {
            effective = ConfigFiles.effective(target, config, flags);
        } catch (RunConfig.InvalidConfigException e) {
            throw new UsageException(e.getMessage());
        }
        checkModels(effective);
        SandboxChoice.apply(effective.evaluation().sandbox());
        TargetResolver.checkEvaluatorJar(resolved, effective.evaluation().evaluatorJar());
        Integer noDevice = Devices.check(resolved, effective.evaluation().device());
        if (noDevice != null) {
            return noDevice;
        }
        Instant now = Instant.now();
        String runId = RunFolder.newRunId(resolved.name(), now);
        Path dir = out != null ? out : Path.of("results", runId);
        RunFolder folder;
        try {
            folder = RunFolder.create(dir, runId, resolved.name(), now);
        } catch (RunFolder.RunFolderException e) {
            throw new UsageException(e.getMessage());
        }
        System.err.println("evolve: run " + runId + " in " + dir + " (" + describe(effective) + ")");
        return Report.runToEnd(folder.dir(), () -> RunSession.start(folder, effective));
    }

    /** Every model's key variable is set, a replay folder holds recordings: before anything is created. */
    static void checkModels(RunConfig config) {
        if (!config.search().mutator().usesModel()) {
            return;
        }
        var c = config.models();
        if (c.replay() != null) {
            if (!java.nio.file.Files.isDirectory(Path.of(c.replay(), "llm"))) {
                throw new UsageException(c.replay() + " holds no recorded model replies (no llm/ folder)");
            }
            return;
        }
        for (ModelsSection.Entry m : c.list()) {
            String var = m.apiKeyEnv();
            if (var != null && !var.isBlank() && System.getenv(var) == null) {
                throw new UsageException("model " + m.model() + ": the environment variable " + var + " is not set");
            }
            if (!m.provider().equals("openai") && (var == null || var.isBlank())) {
                throw new UsageException("model " + m.model() + ": provider " + m.provider()
                        + " needs --llm-key-env (or api_key_env in the config)");
            }
        }
    }

    static String describe(RunConfig c) {
        var stop = c.stop();
        var models = c.models();
        return "target " + c.target() + ", " + (stop.budget() != null ? "budget " + stop.budget() : "no time limit")
                + (stop.iterations() != null ? ", " + stop.iterations() + " iterations" : "") + ", seed " + c.seed()
                + ", mutator " + c.search().mutator().key()
                + (models.list().isEmpty() ? "" : " (" + String.join(", ", models.list().stream()
                        .map(ModelsSection.Entry::model).toList()) + ")")
                + (models.replay() != null ? " replaying " + models.replay() : "")
                + ", " + c.database().islands() + " islands, " + c.evaluation().workers() + " workers"
                + (c.cluster() == null ? "" : ", cluster " + c.cluster().join() + " ('" + c.cluster().name() + "'"
                        + (c.cluster().localWorkers() ? "" : ", no local workers") + ")");
    }
}
