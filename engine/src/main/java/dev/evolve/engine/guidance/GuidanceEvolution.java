package dev.evolve.engine.guidance;

import dev.evolve.engine.llm.Completion;
import dev.evolve.engine.llm.ModelClient;
import dev.evolve.engine.llm.ModelException;
import dev.evolve.engine.llm.ModelRequest;
import dev.evolve.engine.mutate.llm.ModelMutator;
import dev.evolve.engine.mutate.llm.PromptBuilder;
import dev.evolve.engine.record.ModelsSection;
import dev.evolve.engine.record.RunEvent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ToDoubleBiFunction;
import java.util.random.RandomGenerator;

/**
 * Meta-prompt evolution for the model lane: each prompt gives a piece of guidance sampled from a
 * {@link GuidancePopulation}, the piece is credited with what became of its child, and every {@code rewrite_every}
 * credited children the model is asked (through the same recorded, retried and metered clients as for edits, and
 * with a call granted by the lane's gate) to write a better piece from the best and the worst; a usable reply
 * ({@link GuidanceReply}) takes the weakest piece's place. The population is saved in the run database after every
 * change, {@code guidance.md} in the run folder after every rewrite and at the end.
 *
 * <pre>{@code
 * var guidance = new GuidanceEvolution(config.models().guidance(), prompts, clients, cost, observers::event, runDir);
 * guidance.bind(GuidanceStore.in(db));                 // a resumed run carries on with its population
 * GuidanceMember g = guidance.pick(random);            // the prompt gives g.text()
 * guidance.credit(g.id(), gain, "child 1a2b3c: measured, gain 0.31");
 * guidance.rewriteIfDue(model, gate);
 * }</pre>
 *
 * <p>With one request in flight the lane is sequential, so a replay of a recorded run asks for the same rewrites
 * with the same prompts and gets the same guidance; with more, the order in which replies arrive decides which piece
 * is credited first, as it decides the order of the programs.
 */
public final class GuidanceEvolution {

    /** Request purpose of a rewrite: its recordings replay in their own order. */
    public static final String PURPOSE = "guidance";
    static final String FILE = "guidance.md";

    private final ModelsSection.Guidance config;
    private final PromptBuilder prompts;
    private final Map<String, ModelClient> clients;
    private final ToDoubleBiFunction<String, Completion> cost;
    private final Consumer<RunEvent> events;
    private final Path runDir;
    private final GuidancePopulation population;
    private final AtomicBoolean rewriting = new AtomicBoolean();
    private GuidanceStore store = GuidanceStore.NONE;

    /**
     * @param clients the models by name, as the edits use them
     * @param cost    the price of one completion of a model
     * @param runDir  the run folder ({@code guidance.md}), or null for none
     */
    public GuidanceEvolution(ModelsSection.Guidance config, PromptBuilder prompts, Map<String, ModelClient> clients,
                             ToDoubleBiFunction<String, Completion> cost, Consumer<RunEvent> events, Path runDir) {
        this.config = Objects.requireNonNull(config, "config");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.clients = Map.copyOf(clients);
        this.cost = Objects.requireNonNull(cost, "cost");
        this.events = Objects.requireNonNull(events, "events");
        this.runDir = runDir;
        this.population = new GuidancePopulation(prompts.emphasisAlternatives(), config.population());
    }

    /** Keeps the population in {@code store}, taking over the one stored there (a resumed run). */
    public synchronized void bind(GuidanceStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.load().ifPresent(json -> {
            try {
                population.restore(GuidancePopulation.fromJson(json));
            } catch (IllegalArgumentException e) {
                events.accept(new RunEvent.LlmError(e.getMessage() + "; guidance starts again from the seeds"));
            }
        });
        save();
        GuidanceFile.write(runDir, population.state(), config);
    }

    /** The piece of guidance the next prompt gives. */
    public GuidanceMember pick(RandomGenerator random) {
        return population.sample(random);
    }

    /** What became of a child of piece {@code id}: its {@code gain} over its parent, and a line for later prompts. */
    public void credit(String id, double gain, String note) {
        population.credit(id, gain, note);
        save();
    }

    /** Model calls made for rewrites. */
    public long calls() {
        return population.state().calls();
    }

    /**
     * When a rewrite is due and no other thread is making one, and {@code gate} grants a call: asks {@code model}
     * for new guidance and files what it gives. A reply that gives nothing usable, or a model that fails, leaves the
     * guidance as it is (an event says why).
     */
    public void rewriteIfDue(String model, ModelMutator.CallGate gate) throws InterruptedException {
        if (!population.rewriteDue(config.rewriteEvery()) || !rewriting.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!population.rewriteDue(config.rewriteEvery()) || gate.tryCall() == 0) {
                return;                                // the lane has had its allowance: still due, later
            }
            rewrite(model);
        } finally {
            rewriting.set(false);
        }
    }

    private void rewrite(String model) throws InterruptedException {
        ModelClient client = clients.get(model);
        if (client == null) {
            throw new IllegalArgumentException("unknown model " + model + "; known: " + clients.keySet());
        }
        GuidancePopulation.State state = population.state();
        long number = state.attempts() + 1;
        GuidanceMember best = population.best();
        GuidanceMember worst = population.weakest().orElse(best);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("rewrite", Long.toString(number));
        values.put("members", members(state.members()));
        values.put("best", describe(best));
        values.put("worst", describe(worst));
        values.put("max_chars", Integer.toString(config.maxChars()));
        var request = new ModelRequest("", prompts.guidanceRewrite(values), 0.8, 1024, PURPOSE);
        GuidanceReply reply;
        double spent = 0;
        try {
            Completion c = client.complete(request);
            spent = cost.applyAsDouble(model, c);
            reply = GuidanceReply.parse(c.text(), config.maxChars(), population.texts());
        } catch (ModelException e) {
            reply = new GuidanceReply.Refused("the model failed: " + e.kind() + ": " + e.getMessage());
        }
        population.attempted(1);
        switch (reply) {
            case GuidanceReply.Accepted a -> {
                GuidanceMember[] joined = population.join(a.text());
                events.accept(new RunEvent.GuidanceRewritten(number, model, joined[0].id(), a.text(),
                        joined[1] == null ? null : joined[1].id(), joined[1] == null ? null : joined[1].meanGain(),
                        spent));
            }
            case GuidanceReply.Refused r -> events.accept(new RunEvent.GuidanceRefused(number, model,
                    r.reason().length() > 300 ? r.reason().substring(0, 300) : r.reason(), spent));
        }
        save();
        GuidanceFile.write(runDir, population.state(), config);
    }

    /** Writes {@code guidance.md} as the population stands. */
    public void close() {
        GuidanceFile.write(runDir, population.state(), config);
    }

    private synchronized void save() {
        store.save(GuidancePopulation.toJson(population.state()));
    }

    /** The summary's {@code guidance} object. */
    public Map<String, Object> summary() {
        GuidancePopulation.State s = population.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("population", config.population());
        m.put("rewrite_every", config.rewriteEvery());
        m.put("credited_children", s.credited());
        m.put("rewrites", s.attempts());
        m.put("rewrites_accepted", s.accepted());
        m.put("calls", s.calls());
        m.put("winner", member(population.best()));
        m.put("members", s.members().stream().map(GuidanceEvolution::member).toList());
        m.put("retired", s.retired().size());
        return m;
    }

    static Map<String, Object> member(GuidanceMember g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("origin", g.origin());
        m.put("children", g.children());
        m.put("mean_gain", g.meanGain());
        m.put("best_gain", g.bestGain());
        m.put("text", g.text());
        return m;
    }

    private static String members(List<GuidanceMember> members) {
        StringBuilder out = new StringBuilder();
        for (GuidanceMember g : members) {
            out.append(String.format(Locale.ROOT, "- %s (%s; %d children, mean gain %.3f, best %.3f): %s%n", g.id(),
                    g.origin(), g.children(), g.meanGain(), g.bestGain(), g.text().replace("\n", " ")));
        }
        return out.toString().stripTrailing();
    }

    private static String describe(GuidanceMember g) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s, mean gain %.3f over %d children:%n\"%s\"",
                g.id(), g.meanGain(), g.children(), g.text()));
        if (!g.recent().isEmpty()) {
            out.append("\nIts last children:");
            g.recent().forEach(r -> out.append("\n- ").append(r));
        }
        return out.toString();
    }
}
