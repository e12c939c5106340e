package dev.evolve.engine.run;


import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.Sample;
import dev.evolve.engine.llm.Accounting;
import dev.evolve.engine.llm.AdaptiveModelMix;
import dev.evolve.engine.mutate.llm.ModelMutator;
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
 */
public final class ModelProposer implements Proposer, Schedule.ModelState {

    /** A child the model made, with what it came from. */
    record Proposal(ModelMutator.Result.Child child, ProgramRecord parent, int island) {
    }

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

    /**
     * @param inFlight model requests at once
     * @param workers  evaluation workers: a model episode takes up to twice as many children at once
     */
    public ModelProposer(ModelMutator mutator, AdaptiveModelMix mix, Accounting accounting, int inFlight, int workers,
                         RunObserver observers) {
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
        while (!closed.get() && !accounting.budgetExhausted() && parents.remainingCapacity() > 0) {
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
                pr.child().source(), pr.child().origin(), pr.parent(), pr.island())).toList());
        for (int i = 0; i < got.size(); i++) {
            if (filed.get(i).child() != null) {
                learn(got.get(i), filed.get(i).child());
            }
        }
        return new Outcome(got.size(), null);
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
        m.put("requests", requests.get());
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
                Parent parent = parents.poll(200, TimeUnit.MILLISECONDS);
                if (parent != null) {
                    step(parent);
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
        var sample = repair != null ? new Sample(repair[0], List.of()) : parent.sample();
        String model = mix.pick();
        requests.incrementAndGet();
        var result = mutator.mutate(sample, repair == null ? null : repair[1], model, random);
        switch (result) {
            case ModelMutator.Result.Child child -> {
                downThreads.set(0);
                observers.event(new RunEvent.LlmChild(child.model(), child.task().name().toLowerCase(),
                        sample.parent().id(), child.attempts(), child.inputTokens(), child.outputTokens(), child.cost()));
                ready.put(new Proposal(child, sample.parent(), repair != null ? repair[0].island() : parent.island()));
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
                mix.report(model, 0, failed.cost());
                observers.event(new RunEvent.LlmRejected(failed.model(), sample.parent().id(),
                        failed.reason().length() > 300 ? failed.reason().substring(0, 300) : failed.reason(),
                        failed.inputTokens(), failed.outputTokens(), failed.cost()));
            }
        }
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
    }
}
