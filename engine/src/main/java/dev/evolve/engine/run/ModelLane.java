package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.llm.Accounting;
import dev.evolve.engine.llm.AdaptiveModelMix;
import dev.evolve.engine.mutate.llm.ModelMutator;
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

/**
 * Model mutations made ahead of evaluation: a few virtual threads (the bound on requests in
 * flight) keep asking the model for children of parents sampled from the database and queue
 * them, so evaluation never idles waiting for a model. The queue is bounded: when evaluation
 * falls behind, the threads wait instead of spending tokens.
 *
 * <p>A model that fails after its retries is marked down and asked again after a pause; the loop
 * decides what to do meanwhile (rule-based mutations, or waiting). A child that fails evaluation
 * is offered back for a repair prompt.
 */
final class ModelLane implements AutoCloseable {

    /** A child the model made, with what it came from. */
    record Proposal(ModelMutator.Result.Child child, ProgramRecord parent, int island) {
    }

    private static final Duration DOWN_PAUSE = Duration.ofSeconds(10);

    private final ProgramDatabase db;
    private final ModelMutator mutator;
    private final AdaptiveModelMix mix;
    private final Accounting accounting;
    private final int islands;
    private final SplittableRandom root;
    private final EventLog events;
    private final RunDisplay display;
    private final BlockingQueue<Proposal> ready;
    private final Deque<ProgramRecord[]> repairs = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger downThreads = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicBoolean budgetNoted = new AtomicBoolean();
    private final int inFlight;

    ModelLane(ProgramDatabase db, ModelMutator mutator, AdaptiveModelMix mix, Accounting accounting, int inFlight,
              int islands, long seed, EventLog events, RunDisplay display) {
        this.db = db;
        this.mutator = mutator;
        this.mix = mix;
        this.accounting = accounting;
        this.inFlight = inFlight;
        this.islands = islands;
        this.root = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.events = events;
        this.display = display;
        this.ready = new ArrayBlockingQueue<>(Math.max(2, 2 * inFlight));
    }

    void start() {
        for (int i = 0; i < inFlight; i++) {
            threads.add(Thread.ofVirtual().name("model-", i).start(this::work));
        }
    }

    /** The next child, waiting at most {@code timeout}; null when none came. */
    Proposal next(Duration timeout) throws InterruptedException {
        return ready.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Children ready now, at most {@code max}, without waiting. */
    List<Proposal> drain(int max) {
        List<Proposal> out = new ArrayList<>();
        ready.drainTo(out, max);
        return out;
    }

    /** Children made and not yet taken. */
    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** True while every model thread is pausing after a failure: the model looks down. */
    boolean down() {
        return downThreads.get() >= inFlight;
    }

    /** True once the cost budget is spent: no more requests are made. */
    boolean budgetSpent() {
        return accounting.budgetExhausted();
    }

    /** Feedback after evaluation: the model mix learns, and a failed child may be repaired. */
    void filed(Proposal proposal, ProgramRecord child) {
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

    Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests.get());
        m.put("rejected_edits", rejected.get());
        m.put("accounting", accounting.snapshot());
        m.put("model_mix", mix.probabilities());
        return m;
    }

    private void work() {
        while (!closed.get()) {
            if (accounting.budgetExhausted()) {
                if (budgetNoted.compareAndSet(false, true)) {
                    events.log("llm_budget_spent", Map.of("cost", accounting.cost()));
                    display.message(String.format("the model budget is spent ($%.4f): no more model requests",
                            accounting.cost()));
                }
                return;
            }
            try {
                step();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                events.log("llm_error", Map.of("error", String.valueOf(e)));
                pause(DOWN_PAUSE);
            }
        }
    }

    private void step() throws InterruptedException {
        if (db.best().isEmpty()) {                 // the seed is still being evaluated
            Thread.sleep(200);
            return;
        }
        SplittableRandom random;
        int island;
        synchronized (root) {
            random = root.split();
            island = random.nextInt(islands);
        }
        ProgramRecord[] repair;
        synchronized (repairs) {
            repair = random.nextDouble() < 0.25 ? repairs.pollFirst() : null;
        }
        var sample = repair != null ? new dev.evolve.engine.db.Sample(repair[0], List.of())
                : db.sample(firstNonEmpty(island), random);
        String model = mix.pick();
        requests.incrementAndGet();
        var result = mutator.mutate(sample, repair == null ? null : repair[1], model, random);
        switch (result) {
            case ModelMutator.Result.Child child -> {
                downThreads.set(0);
                events.log("llm_child", Map.of("model", child.model(), "task", child.task().name().toLowerCase(),
                        "parent", sample.parent().id(), "replies", child.attempts(), "input_tokens", child.inputTokens(),
                        "output_tokens", child.outputTokens(), "cost", child.cost()));
                ready.put(new Proposal(child, sample.parent(), repair != null ? repair[0].island() : island));
            }
            case ModelMutator.Result.Failed failed when failed.modelDown() -> {
                events.log("llm_unavailable", Map.of("model", failed.model(), "reason", failed.reason()));
                if (downThreads.incrementAndGet() == inFlight) {
                    display.message("model " + failed.model() + " unavailable (" + failed.reason() + "); asking again in "
                            + DOWN_PAUSE.toSeconds() + " s");
                }
                pause(DOWN_PAUSE);
                downThreads.updateAndGet(n -> Math.max(0, n - 1));
            }
            case ModelMutator.Result.Failed failed -> {
                rejected.incrementAndGet();
                mix.report(model, 0, failed.cost());
                events.log("llm_rejected", Map.of("model", failed.model(), "parent", sample.parent().id(),
                        "reason", failed.reason().length() > 300 ? failed.reason().substring(0, 300) : failed.reason(),
                        "input_tokens", failed.inputTokens(), "output_tokens", failed.outputTokens(),
                        "cost", failed.cost()));
            }
        }
    }

    private int firstNonEmpty(int island) {
        for (int i = 0; i < islands; i++) {
            int k = (island + i) % islands;
            if (db.bestOf(k).isPresent()) {
                return k;
            }
        }
        return island;
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
