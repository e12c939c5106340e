package dev.evolve.engine.run;


import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.Sample;
import dev.evolve.engine.guidance.GuidanceEvolution;
import dev.evolve.engine.guidance.GuidanceMember;
import dev.evolve.engine.guidance.GuidanceStore;
import dev.evolve.engine.llm.Accounting;
import dev.evolve.engine.llm.AdaptiveModelMix;
import dev.evolve.engine.mutate.llm.ModelMutator;
import dev.evolve.engine.mutate.llm.PromptBuilder;
import dev.evolve.engine.novelty.NoveltyFilter;
import dev.evolve.engine.record.RunEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Model children made ahead of evaluation: a few virtual threads (the bound on requests in flight)
 * keep asking the model for children of parents the loop handed over ahead of time, and queue them,
 * so evaluation never idles waiting for a model. Both queues are bounded and private: when evaluation
 * falls behind, the threads wait instead of spending tokens. This proposer never samples the database;
 * only the loop picks parents.
 *
 * <p>A model that fails after its retries is marked down and asked again after a pause; the
 * {@link Schedule} decides what to do meanwhile (rule-based mutations, or waiting). A child that
 * fails evaluation is offered back for a repair prompt.
 *
 * <p>A child that repeats a known program (a duplicate, or with a {@link NoveltyFilter} a near copy of a program
 * of its island, turned away before evaluation) is feedback: the next prompt for its parent says which program it
 * repeated, and the loop is told so that it picks that parent less often. Calls are granted by a
 * {@link LaneGuard}: after {@code maxCallsPerChild} calls without a new child the lane is stalled and the
 * {@link Schedule} backs it off or ends the run.
 */
public final class ModelProposer implements Proposer, Schedule.ModelState {

    /** A child the model made, with what it came from and the piece of guidance its prompt gave (or null). */
    record Proposal(ModelMutator.Result.Child child, ProgramRecord parent, int island, GuidanceEvolution.Ticket guidance) {
    }

    /** Notes kept per parent for its next prompt, at most. */
    private static final int MAX_NOTES = 3;

    private static final Duration DOWN_PAUSE = Duration.ofSeconds(10);
    /** How long a model episode waits for the first child. */
    private static final Duration FIRST_CHILD_WAIT = Duration.ofSeconds(5);

    private final ModelMutator mutator;
    private final AdaptiveModelMix mix;
    private final Accounting accounting;
    private final int batch;
    private final RunObserver observers;
    private final BlockingQueue<Parent> parents;
    private final BlockingQueue<Proposal> ready;
    private final Deque<ProgramRecord[]> repairs = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger downThreads = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicBoolean budgetNoted = new AtomicBoolean();
    private final int inFlight;
    private final LaneGuard guard;
    private final NoveltyFilter novelty;
    private final AtomicInteger activeSteps = new AtomicInteger();
    private final Map<String, List<String>> notes = new java.util.HashMap<>();
    private final LaneOutcomes outcomes = new LaneOutcomes();
    private final GuidanceEvolution guidance;

    /**
     * @param inFlight model requests at once
     * @param workers  evaluation workers: a model episode takes up to twice as many children at once
     */
    public ModelProposer(ModelMutator mutator, AdaptiveModelMix mix, Accounting accounting, int inFlight, int workers,
                         RunObserver observers) {
        this(mutator, mix, accounting, inFlight, workers, observers,
                dev.evolve.engine.record.ModelsSection.DEFAULT_MAX_CALLS_PER_CHILD, null);
    }

    /**
     * @param maxCallsPerChild model calls after the last new child at which the lane is stalled
     * @param novelty          turns away model children all but the same as their island's programs (null: none)
     */
    public ModelProposer(ModelMutator mutator, AdaptiveModelMix mix, Accounting accounting, int inFlight, int workers,
                         RunObserver observers, int maxCallsPerChild, NoveltyFilter novelty) {
        this(mutator, mix, accounting, inFlight, workers, observers, maxCallsPerChild, novelty, null);
    }

    /** @param guidance evolves the prompts' guidance (null: the templates' alternatives, picked at random) */
    public ModelProposer(ModelMutator mutator, AdaptiveModelMix mix, Accounting accounting, int inFlight, int workers,
                         RunObserver observers, int maxCallsPerChild, NoveltyFilter novelty, GuidanceEvolution guidance) {
        this.guidance = guidance;
        this.guard = new LaneGuard(maxCallsPerChild);
        this.novelty = novelty;
        this.mutator = mutator;
        this.mix = mix;
        this.accounting = accounting;
        this.inFlight = inFlight;
        this.batch = Math.max(1, 2 * workers);
        this.observers = observers;
        this.parents = new ArrayBlockingQueue<>(inFlight);
        this.ready = new ArrayBlockingQueue<>(Math.max(2, 2 * inFlight));
    }

    /** Starts the model threads; they wait for parents. */
    public void start() {
        for (int i = 0; i < inFlight; i++) {
            threads.add(Thread.ofVirtual().name("model-", i).start(this::work));
        }
    }

    @Override
    public void prefetch(Supplier<Parent> picker) {
        while (!closed.get() && !accounting.budgetExhausted() && guard.open() && parents.remainingCapacity() > 0) {
            parents.offer(picker.get());
        }
    }

    /** The model's episode: the children made so far (waiting a little for the first), evaluated and filed. */
    @Override
    public Outcome episode(Parent parent, CandidatePipeline pipeline, BooleanSupplier stop) throws InterruptedException {
        Proposal first = ready.poll(FIRST_CHILD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return new Outcome(0, null);           // the model is still thinking, or its edits keep being rejected
        }
        List<Proposal> got = new ArrayList<>(List.of(first));
        ready.drainTo(got, batch - 1);
        List<CandidatePipeline.Filed> filed = pipeline.file(got.stream().map(pr -> new CandidatePipeline.Candidate(
                pr.child().source(), pr.child().origin(), pr.parent(), pr.island(), true)).toList());
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            Proposal pr = got.get(i);
            CandidatePipeline.Filed f = filed.get(i);
            String model = pr.child().model();
            switch (f.fate()) {
                case FILED -> {
                    guard.newChild(pr.child().call());
                    count(model, NEW);
                    learn(pr, f.child());
                }
                case DUPLICATE -> {
                    credit(pr, 0.0, "repeated program " + shortId(f.like().id()));
                    count(model, DUPLICATES);
                    mix.report(model, 0, 0);
                    repeated.add(pr.parent().id());
                    note(pr.parent().id(), PromptBuilder.duplicateNote(f.like()));
                    observers.event(new RunEvent.LlmDuplicate(model, pr.parent().id(), f.like().id(), f.like().score()));
                }
                case NEAR_COPY -> {
                    credit(pr, 0.0, "a near copy of a known program");
                    count(model, NEAR_COPIES);
                    mix.report(model, 0, 0);
                    repeated.add(pr.parent().id());
                    if (f.like() != null) {
                        note(pr.parent().id(), PromptBuilder.nearCopyNote(f.like(), f.similarity()));
                    }
                    observers.event(new RunEvent.LlmNearCopy(model, pr.parent().id(),
                            f.like() == null ? null : f.like().id(), f.similarity()));
                }
                case NOT_EVALUATED -> credit(pr, null, null);
            }
        }
        return new Outcome(got.size(), null, repeated);
    }

    /** Credits the piece of guidance that gave a child's prompt with what became of the child. */
    private void credit(Proposal proposal, Double gain, String note) {
        if (guidance != null && proposal.guidance() != null) {
            guidance.resolve(proposal.guidance(), gain, gain == null ? null
                    : proposal.child().task().name().toLowerCase(java.util.Locale.ROOT) + " child " + note);
        }
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Keeps guidance evolution's population in {@code db}, carrying on with the one stored there. */
    void bindGuidance(dev.evolve.engine.db.ProgramDatabase db) {
        if (guidance != null) {
            guidance.bind(GuidanceStore.in(db));
        }
    }

    /** The summary's {@code guidance} object, or null when guidance does not evolve. */
    Map<String, Object> guidanceSummary() {
        return guidance == null ? null : guidance.summary();
    }

    /** The novelty check the pipeline applies to this proposer's children, or null. */
    NoveltyFilter novelty() {
        return novelty;
    }

    /** Whether the lane has spent its calls without a new child and nothing of it is under way. */
    @Override
    public boolean stalled() {
        return !guard.open() && activeSteps.get() == 0 && ready.isEmpty();
    }

    /** Model calls since the last one whose child was new. */
    @Override
    public long callsWithoutNewChild() {
        return guard.sinceNew();
    }

    /** After a back-off: a fresh allowance of calls. */
    @Override
    public void retry() {
        guard.retry();
    }

    private static final int NEW = LaneOutcomes.NEW;
    private static final int DUPLICATES = LaneOutcomes.DUPLICATES;
    private static final int NEAR_COPIES = LaneOutcomes.NEAR_COPIES;
    private static final int REJECTED = LaneOutcomes.REJECTED;

    private void count(String model, int what) {
        outcomes.count(model, what);
    }

    private void note(String parentId, String note) {
        synchronized (notes) {
            List<String> list = notes.computeIfAbsent(parentId, id -> new ArrayList<>());
            list.add(note);
            if (list.size() > MAX_NOTES) {
                list.removeFirst();
            }
            if (notes.size() > 1_000) {              // parents long gone from the islands keep no notes forever
                notes.remove(notes.keySet().iterator().next());
            }
        }
    }

    private List<String> takeNotes(String parentId) {
        synchronized (notes) {
            List<String> list = notes.remove(parentId);
            return list == null ? List.of() : list;
        }
    }

    @Override
    public boolean hasReady() {
        return !ready.isEmpty();
    }

    @Override
    public boolean down() {
        return downThreads.get() >= inFlight;
    }

    @Override
    public boolean budgetSpent() {
        return accounting.budgetExhausted();
    }

    /** Feedback after evaluation: the model mix learns, and a failed child may be repaired. */
    private void learn(Proposal proposal, ProgramRecord child) {
        double gain = proposal.parent().score() > 0 ? Math.max(0, child.score() / proposal.parent().score() - 1) : 0;
        mix.report(proposal.child().model(), gain, proposal.child().cost());
        credit(proposal, gain, String.format(java.util.Locale.ROOT, "%s: %s, gain %.3f", shortId(child.id()),
                child.status(), gain));
        if (!child.measured() && !"rejected".equals(child.status())) {
            synchronized (repairs) {
                repairs.addLast(new ProgramRecord[] {proposal.parent(), child});
                while (repairs.size() > 16) {
                    repairs.removeFirst();
                }
            }
        }
    }

    /** The summary's {@code llm} figures; the accounting's keys are snake_case like the rest of the summary. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> calls = mutator.calls();
        long guidanceCalls = guidance == null ? 0 : guidance.calls();
        long allCalls = calls.values().stream().mapToLong(Long::longValue).sum() + guidanceCalls;
        LaneOutcomes.Figures figures = outcomes.figures(calls);
        long[] all = figures.all();
        m.put("requests", requests.get());
        m.put("calls", allCalls);
        m.put("guidance_calls", guidanceCalls);
        m.put("new_children", all[NEW]);
        m.put("duplicates", all[DUPLICATES]);
        m.put("near_copies", all[NEAR_COPIES]);
        m.put("new_children_per_call", allCalls == 0 ? 0.0 : all[NEW] / (double) allCalls);
        m.put("calls_without_new_child", guard.sinceNew());
        m.put("max_calls_per_child", guard.ceiling());
        m.put("per_model", figures.perModel());
        m.put("rejected_edits", rejected.get());
        m.put("accounting", SNAKE.convertValue(accounting.snapshot(), new TypeReference<Map<String, Object>>() {
        }));
        m.put("model_mix", mix.probabilities());
        return m;
    }

    private static final ObjectMapper SNAKE = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private void work() {
        while (!closed.get()) {
            if (accounting.budgetExhausted()) {
                if (budgetNoted.compareAndSet(false, true)) {
                    observers.event(new RunEvent.LlmBudgetSpent(accounting.cost()));
                }
                return;
            }
            try {
                if (!guard.open()) {
                    Thread.sleep(50);                  // the lane has had its allowance: no calls until it gets another
                    continue;
                }
                Parent parent = parents.poll(200, TimeUnit.MILLISECONDS);
                if (parent != null) {
                    activeSteps.incrementAndGet();
                    try {
                        step(parent);
                    } finally {
                        activeSteps.decrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                observers.event(new RunEvent.LlmError(String.valueOf(e)));
                pause(DOWN_PAUSE);
            }
        }
    }

    private void step(Parent parent) throws InterruptedException {
        SplittableRandom random = parent.random();
        ProgramRecord[] repair;
        synchronized (repairs) {
            repair = random.nextDouble() < 0.25 ? repairs.pollFirst() : null;
        }
        String model = mix.pick();
        // a repair prompt gives no guidance; every ticket is resolved, else the next epochs would wait for it
        GuidanceEvolution.Ticket ticket = guidance != null && repair == null ? guidance.pick(model, guard::tryCall) : null;
        Double[] outcome = {null};
        String[] note = {null};
        boolean handedOver = false;
        try {
            handedOver = step(parent, random, repair, model, ticket, outcome, note);
        } finally {
            if (ticket != null && !handedOver) {
                guidance.resolve(ticket, outcome[0], note[0]);
            }
        }
    }

    /** @return whether a child went to evaluation (its ticket is resolved there) */
    private boolean step(Parent parent, SplittableRandom random, ProgramRecord[] repair, String model,
                         GuidanceEvolution.Ticket ticket, Double[] outcome, String[] note) throws InterruptedException {
        GuidanceMember given = ticket == null ? null : ticket.member();
        var sample = repair != null ? new Sample(repair[0], List.of()) : parent.sample();
        requests.incrementAndGet();
        var result = mutator.mutate(sample, repair == null ? null : repair[1], model, random,
                repair == null ? takeNotes(sample.parent().id()) : List.of(), guard::tryCall,
                given == null ? null : given.text());
        switch (result) {
            case ModelMutator.Result.Held held -> {
                // the lane's allowance ran out before a reply applied: nothing to report
            }
            case ModelMutator.Result.Child child -> {
                downThreads.set(0);
                observers.event(new RunEvent.LlmChild(child.model(), child.task().name().toLowerCase(),
                        sample.parent().id(), child.attempts(), child.inputTokens(), child.outputTokens(), child.cost(),
                        given == null ? null : given.id()));
                ready.put(new Proposal(child, sample.parent(), repair != null ? repair[0].island() : parent.island(),
                        ticket));
                return true;
            }
            case ModelMutator.Result.Failed failed when failed.modelDown() -> {
                observers.event(new RunEvent.LlmUnavailable(failed.model(), failed.reason()));
                if (downThreads.incrementAndGet() == inFlight) {
                    observers.message("model " + failed.model() + " unavailable (" + failed.reason()
                            + "); asking again in " + DOWN_PAUSE.toSeconds() + " s");
                }
                pause(DOWN_PAUSE);
                downThreads.updateAndGet(n -> Math.max(0, n - 1));
            }
            case ModelMutator.Result.Failed failed -> {
                rejected.incrementAndGet();
                count(failed.model(), REJECTED);
                mix.report(model, 0, failed.cost());
                observers.event(new RunEvent.LlmRejected(failed.model(), sample.parent().id(),
                        failed.reason().length() > 300 ? failed.reason().substring(0, 300) : failed.reason(),
                        failed.inputTokens(), failed.outputTokens(), failed.cost()));
                outcome[0] = 0.0;                      // guidance whose replies do not apply did no good
                note[0] = "edit rejected: " + (failed.reason().length() > 120 ? failed.reason().substring(0, 120)
                        : failed.reason());
            }
        }
        return false;
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.set(true);
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (guidance != null) {
            guidance.close();                          // guidance.md as the population stands at the end
        }
    }
}
