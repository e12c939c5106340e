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
import java.util.function.Consumer;
import java.util.function.ToDoubleBiFunction;

/**
 * Meta-prompt evolution for the model lane: each prompt gives a piece of guidance sampled from a
 * {@link GuidancePopulation}, the piece is credited with what became of its child, and at the start of every epoch of
 * {@code rewrite_every} prompts the model is asked (through the same recorded, retried and metered clients as for
 * edits, with a call granted by the lane's gate) to write a better piece from the best and the worst; a usable reply
 * ({@link GuidanceReply}) takes the weakest piece's place. The population is saved in the run database after every
 * change, {@code guidance.md} in the run folder after every rewrite and at the end.
 *
 * <pre>{@code
 * var guidance = new GuidanceEvolution(config.models().guidance(), seed, prompts, clients, cost, events, runDir);
 * guidance.bind(GuidanceStore.in(db));                 // a resumed run carries on with its population
 * long s = guidance.reserve();                                // in ask order
 * GuidanceEvolution.Ticket t = guidance.pick(s, model, gate);   // the prompt gives t.member().text()
 * guidance.resolve(t, gain, "diff child 1a2b3c: measured, gain 0.31");
 * }</pre>
 *
 * <p>Replays and reruns give the same guidance: prompt {@code s} draws with randomness derived from the run's seed
 * and {@code s}, from the population as it stood at the start of its epoch, and that population counts exactly the
 * children of the prompts two epochs back or earlier (the lane waits for their outcomes when it is that far ahead of
 * evaluation). Prompts are numbered in the order the lane makes its asks, in the loop's thread, which fixes their
 * parents too. So however replies and evaluations interleave, the same children give the same guidance history; a
 * replay serves the recorded rewrites in their order.
 */
public final class GuidanceEvolution {

    /** Request purpose of a rewrite: its recordings replay in their own order. */
    public static final String PURPOSE = "guidance";
    static final String FILE = "guidance.md";
    /**
     * How long an epoch waits at most for the outcomes it counts: only a lane whose children wait for evaluation
     * that long (a stuck evaluator) goes on without them.
     */
    private static final java.time.Duration MAX_WAIT = java.time.Duration.ofMinutes(10);

    private final ModelsSection.Guidance config;
    private final PromptBuilder prompts;
    private final Map<String, ModelClient> clients;
    private final ToDoubleBiFunction<String, Completion> cost;
    private final Consumer<RunEvent> events;
    private final Path runDir;
    private final GuidancePopulation population;
    private final long seed;
    private GuidanceStore store = GuidanceStore.NONE;

    /**
     * A prompt's piece of guidance (null for a prompt {@link #skip skipped}) and the prompt's number, to resolve once
     * its child's fate is known.
     */
    public record Ticket(long sample, GuidanceMember member) {
    }

    // guarded by `samples`: prompts numbered so far, which have been resolved, and their credits not yet counted
    private final Object samples = new Object();
    private long nextSample;
    private long resolvedBelow;
    private final java.util.TreeSet<Long> resolvedAhead = new java.util.TreeSet<>();
    private final java.util.List<GuidancePopulation.Credit> pending = new java.util.ArrayList<>();

    // epochs: advanced by one thread at a time; the pieces each recent epoch draws from
    private final java.util.concurrent.locks.ReentrantLock advancing = new java.util.concurrent.locks.ReentrantLock();
    private volatile long epoch;
    private final Map<Long, List<GuidanceMember>> drawnFrom = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param clients the models by name, as the edits use them
     * @param cost    the price of one completion of a model
     * @param runDir  the run folder ({@code guidance.md}), or null for none
     */
    public GuidanceEvolution(ModelsSection.Guidance config, long seed, PromptBuilder prompts,
                             Map<String, ModelClient> clients, ToDoubleBiFunction<String, Completion> cost,
                             Consumer<RunEvent> events, Path runDir) {
        this.config = Objects.requireNonNull(config, "config");
        this.seed = seed;
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.clients = Map.copyOf(clients);
        this.cost = Objects.requireNonNull(cost, "cost");
        this.events = Objects.requireNonNull(events, "events");
        this.runDir = runDir;
        this.population = new GuidancePopulation(prompts.emphasisAlternatives(), config.population());
        drawnFrom.put(0L, population.members());
    }

    /** Keeps the population in {@code store}, taking over the one stored there (a resumed run). */
    public synchronized void bind(GuidanceStore store) {
        this.store = Objects.requireNonNull(store, "store");
        store.load().ifPresent(json -> {
            try {
                GuidancePopulation.State stored = GuidancePopulation.fromJson(json);
                population.restore(stored);
                synchronized (samples) {               // prompts of the earlier session in flight are gone
                    nextSample = stored.samples();
                    resolvedBelow = stored.samples();
                    pending.addAll(stored.pending());
                }
                epoch = stored.samples() / config.rewriteEvery();
                drawnFrom.clear();
                drawnFrom.put(epoch, population.members());
            } catch (IllegalArgumentException e) {
                events.accept(new RunEvent.LlmError(e.getMessage() + "; guidance starts again from the seeds"));
            }
        });
        save();
        GuidanceFile.write(runDir, state(), config);
    }

    /**
     * Numbers the next guided prompt. Every number taken is either {@link #pick picked} and its ticket resolved, or
     * {@link #skip skipped}: an epoch counts the outcomes of all prompts numbered before it.
     */
    public long reserve() {
        synchronized (samples) {
            return nextSample++;
        }
    }

    /**
     * The piece of guidance prompt {@code s} ({@link #reserve reserved}) gives. The first prompt of an epoch may wait
     * for the outcomes of the epoch two back, and asks {@code model} (when {@code gate} grants the call) for a
     * rewrite.
     */
    public Ticket pick(long s, String model, ModelMutator.CallGate gate) throws InterruptedException {
        long e = s / config.rewriteEvery();
        if (epoch < e) {
            advance(e, model, gate);
        }
        List<GuidanceMember> members = drawnFrom.getOrDefault(e, population.members());
        var random = new java.util.SplittableRandom(seed ^ 0x6A09E667F3BCC909L ^ (0x9E3779B97F4A7C15L * (s + 1)));
        return new Ticket(s, members.get(GuidanceBandit.pick(members, random)));
    }

    /** Prompt {@code s} was never asked: nothing to credit. */
    public void skip(long s) {
        resolve(new Ticket(s, null), null, null);
    }

    /**
     * What became of a ticket's child: its {@code gain} over its parent and a line for rewrite prompts, or
     * {@code gain} null when nothing is to be credited (no reply, or the child was not evaluated).
     */
    public void resolve(Ticket ticket, Double gain, String note) {
        synchronized (samples) {
            if (ticket.sample() < resolvedBelow || !resolvedAhead.add(ticket.sample())) {
                return;                                // resolved already
            }
            if (gain != null) {
                pending.add(new GuidancePopulation.Credit(ticket.sample(), ticket.member().id(), gain, note));
            }
            while (resolvedAhead.remove(resolvedBelow)) {
                resolvedBelow++;
            }
            samples.notifyAll();
        }
        save();
    }

    /** Guided prompts between two rewrites. */
    public int rewriteEvery() {
        return config.rewriteEvery();
    }

    /** Model calls made for rewrites. */
    public long calls() {
        return population.state().calls();
    }

    /** Starts epochs up to {@code e}: each counts the credits of the prompts before the previous one, and rewrites. */
    private void advance(long e, String model, ModelMutator.CallGate gate) throws InterruptedException {
        advancing.lockInterruptibly();
        try {
            while (epoch < e) {
                long k = epoch + 1;
                long through = (k - 1) * config.rewriteEvery();
                List<GuidancePopulation.Credit> counted = new java.util.ArrayList<>();
                synchronized (samples) {
                    long deadline = System.nanoTime() + MAX_WAIT.toNanos();
                    while (resolvedBelow < through && System.nanoTime() < deadline) {
                        samples.wait(200);
                    }
                    if (resolvedBelow < through) {           // counted in a later epoch; this one is not replayable
                        events.accept(new RunEvent.LlmError("guidance epoch " + k + " started after waiting "
                                + MAX_WAIT.toSeconds() + " s for the outcomes of prompts before " + through
                                + "; " + (through - resolvedBelow) + " are counted later"));
                    }
                    for (var it = pending.iterator(); it.hasNext(); ) {
                        var c = it.next();
                        if (c.sample() < through) {
                            counted.add(c);
                            it.remove();
                        }
                    }
                }
                counted.sort(java.util.Comparator.comparingLong(GuidancePopulation.Credit::sample));
                counted.forEach(c -> population.credit(c.id(), c.gain(), c.note()));
                if (k >= 2 && population.comparable() && gate.tryCall() != 0) {
                    rewrite(model);
                }
                drawnFrom.put(k, population.members());
                drawnFrom.keySet().removeIf(old -> old < k - 8);
                epoch = k;
                save();
            }
        } finally {
            advancing.unlock();
        }
    }

    private GuidancePopulation.State state() {
        synchronized (samples) {
            return population.state(nextSample, pending);
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
        GuidanceFile.write(runDir, state(), config);
    }

    /** Writes {@code guidance.md} as the population stands. */
    public void close() {
        GuidanceFile.write(runDir, state(), config);
    }

    private synchronized void save() {
        store.save(GuidancePopulation.toJson(state()));
    }

    /** The summary's {@code guidance} object. */
    public Map<String, Object> summary() {
        GuidancePopulation.State s = state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("population", config.population());
        m.put("rewrite_every", config.rewriteEvery());
        m.put("prompts", s.samples());
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
