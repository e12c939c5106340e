package dev.evolve.engine.wiring;

import dev.evolve.engine.guidance.GuidanceEvolution;
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
import dev.evolve.engine.novelty.MiniLmCodeEmbedder;
import dev.evolve.engine.novelty.NoveltyFilter;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.run.ModelProposer;
import dev.evolve.engine.run.RunObserver;
import dev.evolve.kernels.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The model side of a run, assembled from its {@code models} section: each model's client (API key
 * from the environment only), metered, retried, and recorded in the run folder; with {@code replay},
 * the recorded replies of another run instead, and no network. Unless {@code models.guidance.evolve} is false,
 * the prompts' guidance evolves with them ({@link GuidanceEvolution}).
 */
public final class ModelWiring {

    private ModelWiring() {
    }

    /**
     * The models of the run recorded in {@code runDir}, from its {@code config.yaml}; one model named {@code replay}
     * when it names none or cannot be read (a folder of recordings alone).
     */
    static List<ModelsSection.Entry> recordedModels(Path runDir) {
        try {
            List<ModelsSection.Entry> list = ConfigFiles.read(RunFolder.open(runDir).config()).models().list();
            if (!list.isEmpty()) {
                return list;
            }
        } catch (RuntimeException e) {
            // not a run folder with a readable configuration: its recordings still replay
        }
        return List.of(new ModelsSection.Entry(null, null, "replay", null, 1.0, null, null, null));
    }

    /** The model proposer of an {@code llm} or {@code mixed} run (not started), or null for {@code ast}. */
    public static ModelProposer proposer(RunConfig config, RunFolder folder, Target target, RunObserver observers) {
        if (!config.search().mutator().usesModel()) {
            return null;
        }
        ModelsSection models = config.models();
        var accounting = new Accounting(models.budgetUsd() == null ? Double.POSITIVE_INFINITY : models.budgetUsd());
        Map<String, ModelClient> clients = new LinkedHashMap<>();
        List<ModelSpec> specs = new ArrayList<>();
        if (models.replay() != null) {
            // the recorded run's models by name and weight, all answered from its recordings at no cost: a prompt
            // names the models that made its programs, so a replay must name them alike to ask the same prompts
            var replay = new ReplayModelClient(Path.of(models.replay()), true);
            for (ModelsSection.Entry m : recordedModels(Path.of(models.replay()))) {
                specs.add(new ModelSpec(Provider.OPENAI, "", m.model(), "", m.weight(), Duration.ofMinutes(1), 0, 0));
                clients.put(m.model(), replay);
            }
        } else {
            for (ModelsSection.Entry m : models.list()) {
                ModelSpec spec = new ModelSpec(Provider.parse(m.provider()), m.baseUrl(), m.model(), m.apiKeyEnv(),
                        m.weight(), RunConfig.parseDuration(m.timeout(), "models[].timeout"), m.inputPrice(),
                        m.outputPrice());
                ModelClient client = accounting.meter(ModelClients.create(spec, System.getenv()), spec);
                var defaults = RetryingModelClient.Policy.defaults();
                client = new RetryingModelClient(client, new RetryingModelClient.Policy(models.retries(),
                        defaults.baseDelay(), defaults.maxDelay(), defaults.maxRetryAfter(), models.inFlight()),
                        new SplittableRandom(config.seed()));
                specs.add(spec);
                clients.put(spec.model(), new RecordingModelClient(client, folder.dir()));
            }
        }
        var templates = models.templates() == null ? PromptTemplates.defaults(target.language())
                : PromptTemplates.withOverrides(Path.of(models.templates()), target.language());
        var prompts = new PromptBuilder(target, HardwareFacts.detect(), templates);
        Map<String, ModelSpec> byName = new LinkedHashMap<>();
        specs.forEach(spec -> byName.put(spec.model(), spec));
        java.util.function.ToDoubleBiFunction<String, dev.evolve.engine.llm.Completion> cost =
                (model, c) -> byName.get(model).cost(c.inputTokens(), c.outputTokens());
        var mutator = new ModelMutator(prompts, new EditParser(), clients, cost, models.attempts());
        // the same clients as the edits: guidance rewrites are recorded, retried and metered alike
        var guidance = models.guidance().evolve()
                ? new GuidanceEvolution(models.guidance(), config.seed(), prompts, clients, cost, observers::event,
                folder.dir()) : null;
        var mix = AdaptiveModelMix.of(specs, new SplittableRandom(config.seed() + 1));
        var novelty = models.noveltyCheck()
                ? new NoveltyFilter(new MiniLmCodeEmbedder(), models.noveltySimilarity()) : null;
        return new ModelProposer(mutator, mix, accounting, models.inFlight(), config.evaluation().workers(), observers,
                models.maxCallsPerChild(), novelty, guidance);
    }
}
