package dev.evolve.engine.run;


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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Model children made ahead of evaluation: a few virtual threads (the bound on requests in flight) work on the
 * asks the loop made ahead of time (each a parent it picked, with the model, the repair and the notes fixed then)
 * and settle them in a {@link LaneQueue}, so evaluation never idles waiting for a model; the loop takes the
 * children back in batches, in ask order. The lane's lookahead is bounded: when evaluation falls behind, no asks
 * are made, and no tokens are spent. This proposer never samples the database; only the loop picks parents, and
 * every decision that reads what evaluation has filed is taken in the loop's thread, so a rerun given the same
 * replies and outcomes (a replay) makes the same asks.
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

    /**
     * What the loop asks the model for: a child of {@code sample}'s parent on {@code island} (with {@code failed},
     * a repair of that failed child), from {@code model}, the prompt giving {@code notes} and, when {@code guided}
     * is not negative, the piece of guidance of that prompt number.
     */
    record Ask(Sample sample, int island, SplittableRandom random, ProgramRecord failed, List<String> notes,
               String model, long guided) {
    }

    /** The share of asks that repair a failed child, while one is kept. */
    private static final double REPAIR_SHARE = 0.25;
    private static final Duration DOWN_PAUSE = Duration.ofSeconds(10);
    /** How long a model episode waits for its batch. */
    private static final Duration BATCH_WAIT = Duration.ofSeconds(5);

    private final ModelMutator mutator;
    private final AdaptiveModelMix mix;
    private final Accounting accounting;
    private final RunObserver observers;
    private final LaneQueue<Ask, Proposal> lane;
    private final LaneFeedback feedback = new LaneFeedback();
    private final java.util.concurrent.ExecutorService threads =
            java.util.concurrent.Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("model-", 0).factory());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger downThreads = new AtomicInteger();
    private final AtomicBoolean budgetNoted = new AtomicBoolean();
    private final int inFlight;
    private final LaneGuard guard;
    private final NoveltyFilter novelty;
    private final AtomicInteger activeSteps = new AtomicInteger();
    private final LaneOutcomes outcomes = new LaneOutcomes();
    private final GuidanceEvolution guidance;

    /**
     * @param inFlight         model requests at once
     * @param workers          evaluation workers: a model episode takes up to twice as many children at once
     * @param maxCallsPerChild model calls after the last new child at which the lane is stalled
     * @param novelty          turns away model children all but the same as their island's programs (null: none)
     * @param guidance         evolves the prompts' guidance (null: the templates' alternatives, picked at random)
     */
    public ModelProposer(ModelMutator mutator, AdaptiveModelMix mix, Accounting accounting, int inFlight, int workers,
                         RunObserver observers, int maxCallsPerChild, NoveltyFilter novelty, GuidanceEvolution guidance) {
        this.guidance = guidance;
        this.guard = new LaneGuard(maxCallsPerChild);
        this.novelty = novelty;
        this.mutator = mutator;
        this.mix = mix;
        this.accounting = accounting;
        this.inFlight = inFlight;
        this.observers = observers;
        this.lane = new LaneQueue<>(batch(workers, inFlight, guidance), batch(workers, inFlight, guidance) + inFlight);
    }

    /**
     * Children evaluated at once: twice the workers; with guidance evolution, no more than an epoch's prompts
     * (less the requests in flight), since an epoch's first prompt waits for the outcomes of the epoch two back.
     */
    private static int batch(int workers, int inFlight, GuidanceEvolution guidance) {
        int batch = Math.max(1, 2 * workers);
        return guidance == null ? batch : Math.max(1, Math.min(batch, guidance.rewriteEvery() - inFlight + 1));
    }

    /** Starts the model threads; they wait for asks. */
    public void start() {
        for (int i = 0; i < inFlight; i++) {
            threads.execute(this::work);
        }
    }

    /** Makes asks, each of a parent {@code picker} gives, as far ahead as the lane may work. */
    @Override
    public void prefetch(Supplier<Parent> picker) {
        while (mayAsk() && lane.room() > 0) {
            lane.make(ask(picker.get()));
        }
    }

    private boolean mayAsk() {
        return !closed.get() && !accounting.budgetExhausted() && guard.open();
    }

    /** What to ask of {@code parent}: made in the loop's thread, from what evaluation has filed so far. */
    private Ask ask(Parent parent) {
        SplittableRandom random = parent.random();
        LaneFeedback.Repair repair = random.nextDouble() < REPAIR_SHARE ? feedback.takeRepair() : null;
        String model = mix.pick();
        if (repair != null) {                          // a repair prompt gives no guidance
            return new Ask(new Sample(repair.parent(), List.of()), repair.parent().island(), random, repair.child(),
                    List.of(), model, -1);
        }
        return new Ask(parent.sample(), parent.island(), random, null,
                feedback.takeNotes(parent.sample().parent().id()), model, guidance == null ? -1 : guidance.reserve());
    }

    /** The model's episode: the next batch of asks once all are settled (waiting a little), evaluated and filed. */
    @Override
    public Outcome episode(Parent parent, CandidatePipeline pipeline, BooleanSupplier stop) throws InterruptedException {
        List<Proposal> got = lane.take(BATCH_WAIT, mayAsk());
        if (got == null || got.isEmpty()) {
            return new Outcome(0, null);           // the model is still thinking, or its edits keep being rejected
        }
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
                    outcomes.count(model, LaneOutcomes.NEW);
                    learn(pr, f.child());
                }
                case DUPLICATE, NEAR_COPY -> repeated.add(repeated(pr, f));
                case NOT_EVALUATED -> credit(pr, null, null);
            }
        }
        return new Outcome(got.size(), null, repeated);
    }

    /** A child that repeats a known program: its model learns, its parent's next prompt says so; its parent. */
    private String repeated(Proposal pr, CandidatePipeline.Filed f) {
        boolean duplicate = f.fate() == CandidatePipeline.Fate.DUPLICATE;
        String model = pr.child().model();
        String parent = pr.parent().id();
        credit(pr, 0.0, duplicate ? "repeated program " + shortId(f.like().id()) : "a near copy of a known program");
        outcomes.count(model, duplicate ? LaneOutcomes.DUPLICATES : LaneOutcomes.NEAR_COPIES);
        mix.report(model, 0, 0);
        if (f.like() != null) {
            feedback.note(parent, duplicate ? PromptBuilder.duplicateNote(f.like())
                    : PromptBuilder.nearCopyNote(f.like(), f.similarity()));
        }
        observers.event(duplicate ? new RunEvent.LlmDuplicate(model, parent, f.like().id(), f.like().score())
                : new RunEvent.LlmNearCopy(model, parent, f.like() == null ? null : f.like().id(), f.similarity()));
        return parent;
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
        return !guard.open() && activeSteps.get() == 0 && lane.waiting() == 0 && !lane.holdsChildren();
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

    @Override
    public boolean hasReady() {
        return lane.complete(mayAsk());
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
            feedback.failed(proposal.parent(), child);
        }
    }

    /** The summary's {@code llm} figures. */
    @Override
    public Map<String, Object> stats() {
        return outcomes.summary(mutator.calls(), guidance == null ? 0 : guidance.calls(), guard, accounting.snapshot(),
                mix.probabilities());
    }

    private void work() {
        while (!closed.get()) {
            try {
                if (accounting.budgetExhausted()) {
                    if (budgetNoted.compareAndSet(false, true)) {
                        observers.event(new RunEvent.LlmBudgetSpent(accounting.cost()));
                    }
                    settleWaiting();                   // so that the children made before are taken back
                    return;
                }
                var ask = lane.next(Duration.ofMillis(200));
                if (ask != null) {
                    activeSteps.incrementAndGet();
                    try {
                        lane.settle(ask.number(), guard.open() ? step(ask.ask()) : skip(ask.ask()));
                    } catch (RuntimeException e) {
                        lane.settle(ask.number(), null);
                        throw e;
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

    /** Settles the asks no thread will take, with nothing. */
    private void settleWaiting() throws InterruptedException {
        for (var ask = lane.next(Duration.ZERO); ask != null; ask = lane.next(Duration.ZERO)) {
            lane.settle(ask.number(), skip(ask.ask()));
        }
    }

    /** An ask not put to the model: no child, and its prompt number (if any) skipped. */
    private Proposal skip(Ask ask) {
        if (ask.guided() >= 0) {
            guidance.skip(ask.guided());
        }
        return null;
    }

    /** Asks the model; the child made, or null. Every prompt number is resolved, else later epochs would wait. */
    private Proposal step(Ask ask) throws InterruptedException {
        GuidanceEvolution.Ticket ticket = null;
        Double[] outcome = {null};
        String[] note = {null};
        Proposal proposal = null;
        try {
            ticket = ask.guided() >= 0 ? guidance.pick(ask.guided(), ask.model(), guard::tryCall) : null;
            proposal = step(ask, ticket, outcome, note);
            return proposal;
        } finally {
            if (ticket != null && proposal == null) {
                guidance.resolve(ticket, outcome[0], note[0]);
            } else if (ticket == null) {
                skip(ask);
            }
        }
    }

    /** @return the child made (its ticket is resolved once it is evaluated), or null */
    private Proposal step(Ask ask, GuidanceEvolution.Ticket ticket, Double[] outcome, String[] note)
            throws InterruptedException {
        GuidanceMember given = ticket == null ? null : ticket.member();
        String model = ask.model();
        outcomes.requested();
        var result = mutator.mutate(ask.sample(), ask.failed(), model, ask.random(), ask.notes(), guard::tryCall,
                given == null ? null : given.text());
        switch (result) {
            case ModelMutator.Result.Held held -> {
                // the lane's allowance ran out before a reply applied: nothing to report
            }
            case ModelMutator.Result.Child child -> {
                downThreads.set(0);
                observers.event(new RunEvent.LlmChild(child.model(), child.task().name().toLowerCase(),
                        ask.sample().parent().id(), child.attempts(), child.inputTokens(), child.outputTokens(),
                        child.cost(), given == null ? null : given.id()));
                return new Proposal(child, ask.sample().parent(), ask.island(), ticket);
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
                outcomes.count(failed.model(), LaneOutcomes.REJECTED);
                mix.report(model, 0, failed.cost());
                observers.event(new RunEvent.LlmRejected(failed.model(), ask.sample().parent().id(),
                        ChildRecords.truncate(failed.reason(), 300), failed.inputTokens(), failed.outputTokens(),
                        failed.cost()));
                outcome[0] = 0.0;                      // guidance whose replies do not apply did no good
                note[0] = "edit rejected: " + ChildRecords.truncate(failed.reason(), 120);
            }
        }
        return null;
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
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (guidance != null) {
            guidance.close();                          // guidance.md as the population stands at the end
        }
    }
}
