package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.novelty.NoveltyFilter;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Where every proposed child goes, whoever proposed it: children already known (in the database or
 * earlier in the same batch) are not evaluated again; new ones are evaluated in parallel, as the
 * evaluator allows; the results are filed into the database in proposal order, numbered as filed,
 * so that a run is reproducible from its seed given the same outcomes; each filed child is reported
 * to the observers and offered to the {@link Champion}.
 *
 * <p>The {@link VariantEvaluator} is the one place where evaluation happens: a sandboxed or remote
 * evaluator is one more implementation of it. An evaluator that throws (a worker that could not
 * start, a broken connection) is the machine's fault, not the child's: the child is not filed and
 * may be proposed again; {@value #MAX_EVALUATOR_FAILURES} such failures in a row stop the run.
 *
 * <p>A candidate that asks for it (a model's child) is first checked for novelty: when its code reads all but
 * the same as a program of its island (or an earlier candidate of the batch), by the {@link NoveltyFilter}, it is
 * not evaluated, and what it was like is handed back.
 */
final class CandidatePipeline implements AutoCloseable {

    /** Consecutive evaluator failures (not candidate failures) after which a run stops. */
    static final int MAX_EVALUATOR_FAILURES = 3;

    /**
     * A child to evaluate: its source, how it was made, its parent and island, and whether it must be novel
     * (checked against its island's programs before evaluation).
     */
    record Candidate(String source, String origin, ProgramRecord parent, int island, boolean mustBeNovel) {
        Candidate(String source, String origin, ProgramRecord parent, int island) {
            this(source, origin, parent, island, false);
        }
    }

    /** What became of a candidate. */
    enum Fate {
        /** evaluated and filed */
        FILED,
        /** the same program (normalized) as one already stored or earlier in the batch: not evaluated */
        DUPLICATE,
        /** all but the same as a program of its island: not evaluated */
        NEAR_COPY,
        /** out of budget, or the evaluator failed: not filed */
        NOT_EVALUATED
    }

    /**
     * What became of a candidate: the record filed (null when it was not), its score for the proposer, its fate,
     * and for a duplicate or near copy the program it repeats ({@code like}) and how alike (1 for a duplicate).
     */
    record Filed(ProgramRecord child, double score, Fate fate, ProgramRecord like, double similarity) {
        Filed(ProgramRecord child, double score) {
            this(child, score, child != null ? Fate.FILED : Fate.NOT_EVALUATED, null, 0);
        }

        static Filed duplicate(ProgramRecord known) {
            return new Filed(null, known.score(), Fate.DUPLICATE, known, 1.0);
        }
    }

    private final Target target;
    private final ProgramDatabase db;
    private final VariantEvaluator evaluator;
    private final long seed;
    private final RunState state;
    private final Budget budget;
    private final Champion champion;
    private final RunObserver observers;
    private final InstantSource clock;
    private final Supplier<Progress> progress;
    private final ExecutorService evaluations;
    private NoveltyFilter novelty;
    private int evaluatorFailures;

    @SuppressWarnings("checkstyle:ParameterNumber")
    CandidatePipeline(Target target, ProgramDatabase db, VariantEvaluator evaluator, int workers, long seed,
                      RunState state, Budget budget, Champion champion, RunObserver observers, InstantSource clock,
                      Supplier<Progress> progress) {
        this.target = target;
        this.db = db;
        this.evaluator = evaluator;
        this.seed = seed;
        this.state = state;
        this.budget = budget;
        this.champion = champion;
        this.observers = observers;
        this.clock = clock;
        this.progress = progress;
        this.evaluations = Executors.newFixedThreadPool(Math.max(1, workers),
                Thread.ofPlatform().daemon().name("evaluate-", 0).factory());
    }

    /** Checks candidates that must be novel with {@code filter} from now on (null: no check). */
    void checkNovelty(NoveltyFilter filter) {
        this.novelty = filter;
    }

    /** Evaluates and files the seed unless the database holds it; a seed that fails its own evaluation stops the run. */
    void fileSeedIfMissing() throws InterruptedException {
        String source = target.seedSource();
        String id = SourceHash.of(source);
        if (db.contains(id)) {
            return;
        }
        EvaluationOutcome outcome = state.evaluating(() -> evaluator.evaluate(source));
        ProgramRecord record = ChildRecords.of(target, null, source, 0, 0, "seed", outcome, clock.instant());
        switch (outcome) {
            case EvaluationOutcome.Measured m ->
                    observers.event(new RunEvent.Seed(id, m.timing().medianNs(), m.gflops(), null, null, null));
            case EvaluationOutcome.Scored s -> {
                state.primaryMetric = s.primary();
                observers.event(new RunEvent.Seed(id, null, null, s.primary(), s.value(), s.metrics()));
            }
            default -> throw new IllegalStateException("the seed of target '" + target.name()
                    + "' does not pass its own evaluation: " + outcome.status() + ": " + outcome.detail());
        }
        db.addSeed(record);
        champion.seed(record);
        state.save(db, budget);
    }

    /** Whether the database holds {@code source} already (the same program, normalized): it would be a duplicate. */
    boolean known(String source) {
        return db.contains(SourceHash.of(source));
    }

    /** Evaluates the new children of {@code batch} and files them in proposal order; one result per candidate. */
    List<Filed> file(List<Candidate> batch) throws InterruptedException {
        Filed[] results = new Filed[batch.size()];
        Map<String, Integer> firstInBatch = new HashMap<>();
        Map<Integer, NoveltyFilter.Match> nearCopies = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String source = batch.get(i).source();
            String id = SourceHash.of(source);
            var known = db.get(id);
            NoveltyFilter.Match nearCopy;
            if (known.isPresent()) {
                state.duplicates++;
                results[i] = Filed.duplicate(known.get());
            } else if (firstInBatch.containsKey(id)) {
                state.duplicates++;
            } else if ((nearCopy = nearCopy(batch.get(i), pending)) != null) {
                nearCopies.put(i, nearCopy);            // resolved once the batch is filed: it may be like a batch-mate
            } else if (budget.allowsAnother(state.iterations + pending.size())) {
                firstInBatch.put(id, i);
                pending.add(new Pending(i, batch.get(i), evaluations.submit(() -> evaluator.evaluate(source))));
            } else {
                results[i] = new Filed(null, 0.0);     // out of budget: not evaluated, not filed
            }
        }
        try {
            for (Pending job : pending) {
                EvaluationOutcome outcome = state.evaluating(() -> await(job.future));
                results[job.index] = outcome == null ? new Filed(null, 0.0) : fileOne(job.candidate, outcome);
            }
        } finally {
            pending.forEach(job -> job.future.cancel(true));
        }
        nearCopies.forEach((i, m) -> {
            ProgramRecord like = db.get(m.id()).orElse(null);
            results[i] = new Filed(null, like == null ? 0.0 : like.score(), Fate.NEAR_COPY, like, m.similarity());
        });
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {                  // a repeat within the batch
                var first = db.get(SourceHash.of(batch.get(i).source()));
                results[i] = first.map(Filed::duplicate).orElseGet(() -> new Filed(null, 0.0));
            }
        }
        state.save(db, budget);
        observers.progress(progress.get());
        return List.of(results);
    }

    /**
     * For a candidate that must be novel: the program of its island, or the candidate already under way in this
     * batch, that it all but copies; null when it is novel enough (or nothing checks).
     */
    private NoveltyFilter.Match nearCopy(Candidate c, List<Pending> pending) {
        if (novelty == null || !c.mustBeNovel()) {
            return null;
        }
        List<String> ids = new ArrayList<>(db.eliteIds(c.island()));
        Map<String, String> underWay = new HashMap<>();
        for (Pending p : pending) {
            if (p.candidate().island() == c.island()) {
                String id = SourceHash.of(p.candidate().source());
                underWay.put(id, p.candidate().source());
                ids.add(id);
            }
        }
        // sources are read only for programs the filter has not embedded yet
        NoveltyFilter.Match m = novelty.nearest(c.source(), ids, id -> underWay.containsKey(id) ? underWay.get(id)
                : db.get(id).map(ProgramRecord::source).orElse(""));
        return novelty.isNearCopy(m) ? m : null;
    }

    private Filed fileOne(Candidate c, EvaluationOutcome outcome) {
        long iteration = state.iterations + 1;      // numbered as filed, in proposal order
        ProgramRecord child = ChildRecords.of(target, c.parent().id(), c.source(), c.island(), iteration, c.origin(),
                outcome, clock.instant());
        state.iterations = iteration;
        state.count(outcome.status());
        db.add(child, new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * iteration)), state.asEntries(budget));
        observers.event(new RunEvent.Evaluated(child.iteration(), child.id(), child.parentId(), child.island(),
                child.origin(), outcome.status(), child.score(), child.gflops(),
                ChildRecords.truncate(outcome.detail(), 500),
                outcome instanceof EvaluationOutcome.Scored s ? s.value() : null));
        champion.consider(child, outcome);
        return new Filed(child, child.score());
    }

    /**
     * The outcome of an evaluation, or null when the evaluator itself failed: the child is then not
     * filed; a few such failures in a row mean the machine, not a candidate, is at fault.
     */
    private EvaluationOutcome await(Future<EvaluationOutcome> future) throws InterruptedException {
        try {
            EvaluationOutcome outcome = future.get();
            evaluatorFailures = 0;
            return outcome;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            evaluatorFailures++;
            observers.event(new RunEvent.EvaluatorError(String.valueOf(cause), evaluatorFailures));
            if (evaluatorFailures >= MAX_EVALUATOR_FAILURES) {
                throw new IllegalStateException("the evaluator failed " + evaluatorFailures
                        + " times in a row; last: " + cause, cause);
            }
            return null;
        }
    }

    @Override
    public void close() {
        evaluations.shutdownNow();
    }

    private record Pending(int index, Candidate candidate, Future<EvaluationOutcome> future) {
    }
}
