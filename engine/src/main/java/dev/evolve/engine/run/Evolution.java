package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The loop of a run. Each episode picks an island, samples a parent from the program database,
 * and lets a {@link RecipeSearch} propose children; new children are evaluated (in parallel, as
 * the evaluator allows) and filed into the database in the order they were proposed, so that a
 * run is reproducible from its seed given the same outcomes.
 *
 * <p>Everything a resume needs is in the database: programs (so nothing is evaluated twice),
 * and the counters in its run state. Randomness for episode {@code e} is derived from the run's
 * seed and {@code e}, so a resumed run carries on with the random state it would have had.
 */
public final class Evolution {

    /** Consecutive episodes without a single new child after which a run ends on its own. */
    static final int MAX_IDLE_EPISODES = 200;
    /** Programs with the best screening scores that JMH times at the end of a run. */
    static final int FINALISTS = 3;
    /** Consecutive evaluator failures (not candidate failures) after which a run stops. */
    static final int MAX_EVALUATOR_FAILURES = 3;

    /** What the loop works with; the caller owns and closes them. */
    public record Parts(Target target, RunConfig config, RunFolder folder, ProgramDatabase db,
                        VariantEvaluator evaluator, Retiming retiming, RecipeSearch search, EventLog events,
                        RunDisplay display, InstantSource clock, ModelLane lane) {
        /** Parts of a run with rule-based mutations only. */
        public Parts(Target target, RunConfig config, RunFolder folder, ProgramDatabase db,
                     VariantEvaluator evaluator, Retiming retiming, RecipeSearch search, EventLog events,
                     RunDisplay display, InstantSource clock) {
            this(target, config, folder, db, evaluator, retiming, search, events, display, clock, null);
        }
    }

    private final Parts p;
    private final Budget budget;
    private final ExecutorService evaluations;
    private final RunState state;
    private int evaluatorFailures;
    private int emptyModelEpisodes;

    private Evolution(Parts parts, Budget budget, RunState state) {
        this.p = parts;
        this.budget = budget;
        this.state = state;
        this.evaluations = Executors.newFixedThreadPool(Math.max(1, parts.config().workers()),
                Thread.ofPlatform().daemon().name("evaluate-", 0).factory());
    }

    /** Prepares a run (new or resumed) from what its database holds. */
    public static Evolution prepare(Parts parts) {
        RunState state = RunState.load(parts.db());
        Budget budget = new Budget(parts.config().budgetDuration(), parts.config().iterations(),
                Duration.ofMillis(state.elapsedMs), parts.clock());
        return new Evolution(parts, budget, state);
    }

    public Budget budget() {
        return budget;
    }

    /**
     * Runs until the budget is spent or a stop is requested. The seed is evaluated and filed
     * first unless the database already holds it.
     *
     * @return the summary written to the run folder
     * @throws InterruptedException when interrupted; everything filed so far is kept
     */
    public RunSummary run() throws InterruptedException {
        boolean resumed = state.episodes > 0 || p.db().size() > 0;
        p.events().log(resumed ? "run_resumed" : "run_started", Map.of(
                "run_id", p.folder().runId(), "target", p.target().name(), "seed", p.config().seed(),
                "iterations_so_far", state.iterations, "elapsed_ms", state.elapsedMs));
        try {
            fileSeedIfMissing();
            p.db().best().filter(b -> b.medianNs() > 0).ifPresent(b ->
                    p.retiming().newChampion(Timing.of(timingSize(), List.of(b.medianNs()))));
            int idle = 0;
            while (budget.allowsAnother(state.iterations)) {
                long before = state.iterations;
                if (modelTurn()) {
                    modelEpisode();
                    continue;
                }
                episode();
                idle = state.iterations == before ? idle + 1 : 0;
                if (idle >= MAX_IDLE_EPISODES) {
                    // every recipe around every elite has been tried: no budget would buy anything new
                    p.display().message("stopping: the last " + idle + " episodes proposed nothing new");
                    p.events().log("search_exhausted", Map.of("idle_episodes", idle));
                    break;
                }
            }
            return finish("finished");
        } catch (InterruptedException e) {
            finish("interrupted");
            throw e;
        } catch (RuntimeException e) {
            try {
                finish("failed");                     // what was filed stays; the run can be resumed
            } catch (RuntimeException | InterruptedException secondary) {
                e.addSuppressed(secondary);
            }
            throw e;
        } finally {
            evaluations.shutdownNow();
        }
    }

    private void fileSeedIfMissing() throws InterruptedException {
        String seed = p.target().seedSource();
        String id = SourceHash.of(seed);
        if (p.db().contains(id)) {
            return;
        }
        EvaluationOutcome outcome = waitFor(() -> p.evaluator().evaluate(seed));
        ProgramRecord record;
        switch (outcome) {
            case EvaluationOutcome.Measured m -> {
                record = record(null, seed, 0, 0, "seed", outcome);
                p.events().log("seed", Map.of("id", id, "median_ns", m.timing().medianNs(), "gflops", m.gflops()));
            }
            case EvaluationOutcome.Scored s -> {
                state.primaryMetric = s.primary();
                record = record(null, seed, 0, 0, "seed", outcome);
                p.events().log("seed", orderedMap("id", id, "primary_metric", s.primary(), "score", s.value(),
                        "metrics", s.metrics()));
            }
            default -> throw new IllegalStateException("the seed of target '" + p.target().name()
                    + "' does not pass its own evaluation: " + outcome.status() + ": " + outcome.detail());
        }
        p.db().addSeed(record);
        state.bestScore = record.score();
        writeBest(record);
        state.save(p.db(), budget);
    }

    private void episode() throws InterruptedException {
        long e = state.episodes;
        int island = (int) (e % p.config().islands());
        SplittableRandom random = new SplittableRandom(p.config().seed() ^ (0x9E3779B97F4A7C15L * (e + 1)));
        var sample = sampleFrom(island, random);
        ProgramRecord parent = sample.parent();
        var result = p.search().run(parent.source(), parent.score(), random,
                batch -> score(batch, parent, island), () -> !budget.allowsAnother(state.iterations));
        state.episodes++;
        p.events().log("episode", orderedMap(
                "episode", e, "island", island, "parent", parent.id(), "parent_score", parent.score(),
                "generations", result.generations(), "proposals", result.proposals(),
                "best_score", result.bestScore(), "best_recipe", result.bestRecipe().toString(),
                "mean_score", result.meanScore()));
        if (state.iterations - state.lastRetimeAt >= p.config().retimeInterval()) {
            waitFor(() -> {
                retime();
                return null;
            });
        }
        if (p.config().jmh() && state.confirmationDue(budget)) {
            waitFor(() -> {
                confirmBest();
                return null;
            });
        }
        state.save(p.db(), budget);
        writeSummary(summary("running"));
    }

    /**
     * A sample from {@code island}, or from the next island that has a measured program: an island
     * can empty when its only elite is demoted after re-timing.
     */
    private dev.evolve.engine.db.Sample sampleFrom(int island, SplittableRandom random) {
        int k = p.config().islands();
        for (int i = 0; i < k; i++) {
            int candidate = (island + i) % k;
            if (p.db().bestOf(candidate).isPresent()) {
                return p.db().sample(candidate, random);
            }
        }
        throw new IllegalStateException("no island holds a measured program");
    }

    /** Evaluates the new children of one generation and files them in proposal order. */
    private List<Double> score(List<RecipeSearch.Proposal> batch, ProgramRecord parent, int island)
            throws InterruptedException {
        return evaluateAndFile(batch.stream().map(pr -> new Candidate(pr.child().source(), pr.child().origin(),
                parent, island, null)).toList());
    }

    /** A child to evaluate: its source, how it was made, its parent and island, and (for a model child) its proposal. */
    private record Candidate(String source, String origin, ProgramRecord parent, int island, ModelLane.Proposal model) {
    }

    /**
     * Whether this episode is the model's: always with {@code --mutator llm} (unless the model is
     * down or its budget spent and the configuration says to carry on with rule-based mutations),
     * every other episode with {@code mixed}.
     */
    private boolean modelTurn() {
        if (p.lane() == null) {
            return false;
        }
        boolean available = p.lane().hasReady() || (!p.lane().down() && !p.lane().budgetSpent());
        boolean waitForModel = p.config().onModelFailure().equals("wait") && !p.lane().budgetSpent();
        boolean wanted = p.config().mutator().equals("llm") || state.episodes % 2 == 1;
        if (wanted && !waitForModel && emptyModelEpisodes >= 3) {
            emptyModelEpisodes = 0;            // the model answers, but nothing usable: a rule-based turn meanwhile
            return false;
        }
        return wanted && (available || waitForModel);
    }

    /** The model's episode: the children its lane has made (waiting a little for the first), evaluated and filed. */
    private void modelEpisode() throws InterruptedException {
        state.episodes++;
        ModelLane.Proposal first = p.lane().next(Duration.ofSeconds(5));
        if (first == null) {
            emptyModelEpisodes++;      // the lane is still thinking, or its edits keep being rejected
            return;
        }
        emptyModelEpisodes = 0;
        List<ModelLane.Proposal> got = new ArrayList<>(List.of(first));
        got.addAll(p.lane().drain(Math.max(1, 2 * p.config().workers()) - 1));
        evaluateAndFile(got.stream().map(pr -> new Candidate(pr.child().source(), pr.child().origin(), pr.parent(),
                pr.island(), pr)).toList());
        state.save(p.db(), budget);
        writeSummary(summary("running"));
    }

    private List<Double> evaluateAndFile(List<Candidate> batch) throws InterruptedException {
        Double[] scores = new Double[batch.size()];
        Map<String, Integer> firstInBatch = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String source = batch.get(i).source();
            String id = SourceHash.of(source);
            var known = p.db().get(id);
            if (known.isPresent()) {
                state.duplicates++;
                scores[i] = known.get().score();
            } else if (firstInBatch.containsKey(id)) {
                state.duplicates++;
            } else if (budget.allowsAnother(state.iterations + pending.size())) {
                firstInBatch.put(id, i);
                pending.add(new Pending(i, id, batch.get(i), evaluations.submit(() -> p.evaluator().evaluate(source))));
            } else {
                scores[i] = 0.0;                  // out of budget: not evaluated, not filed
            }
        }
        try {
            for (Pending job : pending) {
                EvaluationOutcome outcome = waitFor(() -> await(job.future));
                if (outcome == null) {                      // the evaluator broke, not the child: not filed
                    scores[job.index] = 0.0;
                    continue;
                }
                long iteration = state.iterations + 1;      // numbered as filed, in proposal order
                Candidate c = job.candidate;
                ProgramRecord child = record(c.parent().id(), c.source(), c.island(), iteration, c.origin(), outcome);
                state.iterations = iteration;
                state.count(outcome.status());
                p.db().add(child, new SplittableRandom(p.config().seed() ^ (0xD1B54A32D192ED03L * iteration)),
                        state.asEntries(budget));
                scores[job.index] = child.score();
                logEvaluated(child, outcome);
                if (c.model() != null) {
                    p.lane().filed(c.model(), child);
                }
                if (child.score() > state.bestScore) {
                    state.bestScore = child.score();
                    if (outcome instanceof EvaluationOutcome.Scored s) {
                        p.events().log("new_best", orderedMap("id", child.id(), "iteration", child.iteration(),
                                "primary_metric", s.primary(), "score", s.value(), "origin", child.origin()));
                        p.display().message(String.format("new best: %s = %s (iteration %d, %s)", s.primary(),
                                EvaluationOutcome.Scored.format(s.value()), child.iteration(), child.origin()));
                    } else {
                        p.events().log("new_best", orderedMap("id", child.id(), "iteration", child.iteration(),
                                "speedup", child.score(), "gflops", child.gflops(), "origin", child.origin()));
                        p.display().message(String.format("new best: %.2fx the seed, %.2f GFLOP/s (iteration %d, %s)",
                                child.score(), child.gflops(), child.iteration(), child.origin()));
                    }
                    writeBest(child);
                    if (outcome instanceof EvaluationOutcome.Measured m) {
                        p.retiming().newChampion(m.timing());
                    }
                }
            }
        } finally {
            pending.forEach(job -> job.future.cancel(true));
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] == null) {                       // a repeat within the batch
                String id = SourceHash.of(batch.get(i).source());
                scores[i] = p.db().get(id).map(ProgramRecord::score).orElse(0.0);
            }
        }
        state.save(p.db(), budget);
        p.display().update(progress());
        return List.of(scores);
    }

    /** Something the loop waits for that is evaluation work (compile, check, time, JMH), not engine overhead. */
    @FunctionalInterface
    private interface Blocking<T> {
        T get() throws InterruptedException;
    }

    private <T> T waitFor(Blocking<T> work) throws InterruptedException {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            state.evaluatingMs += (System.nanoTime() - t0) / 1_000_000;
        }
    }

    /**
     * The outcome of an evaluation, or null when the evaluator itself failed (a worker that could
     * not start, a broken pipe): the child is then not filed and may be proposed again later. A
     * few such failures in a row mean the machine, not a candidate, is at fault: the run stops
     * and can be resumed.
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
            p.events().log("evaluator_error", orderedMap("error", String.valueOf(cause),
                    "consecutive", evaluatorFailures));
            p.display().message("the evaluator failed (" + cause + "); the child is not filed");
            if (evaluatorFailures >= MAX_EVALUATOR_FAILURES) {
                throw new IllegalStateException("the evaluator failed " + evaluatorFailures
                        + " times in a row; last: " + cause, cause);
            }
            return null;
        }
    }

    private void logEvaluated(ProgramRecord child, EvaluationOutcome outcome) {
        Map<String, Object> event = orderedMap("iteration", child.iteration(), "id", child.id(),
                "parent", child.parentId(), "island", child.island(), "origin", child.origin(),
                "status", outcome.status(), "score", child.score(), "gflops", child.gflops(),
                "detail", truncate(outcome.detail(), 500));
        if (outcome instanceof EvaluationOutcome.Scored s) {
            event.put("primary_value", s.value());
        }
        p.events().log("evaluated", event);
    }

    private void retime() throws InterruptedException {
        state.lastRetimeAt = state.iterations;
        if (!p.retiming().retimes()) {
            return;                                    // a custom evaluator's score is not a time
        }
        var seedTiming = p.retiming().retimeSeed();
        var best = p.db().best().orElseThrow();
        p.events().log("retime_seed", Map.of("median_ns", seedTiming.medianNs(), "spread", seedTiming.relativeSpread()));
        if (best.origin().equals("seed")) {
            return;
        }
        EvaluationOutcome again = p.retiming().time(best.source());
        if (again instanceof EvaluationOutcome.Measured m) {
            p.db().rescore(best.id(), again.status(), truncate(again.detail(), 4000), m.speedupVsSeed(), m.gflops(),
                    m.timing().medianNs());
            p.events().log("retime_champion", orderedMap("id", best.id(), "before", best.score(),
                    "after", m.speedupVsSeed(), "gflops", m.gflops()));
        } else {
            p.db().rescore(best.id(), again.status(), truncate(again.detail(), 4000), 0.0, 0.0, 0L);
            p.events().log("retime_champion", orderedMap("id", best.id(), "before", best.score(),
                    "status", again.status(), "detail", truncate(again.detail(), 500)));
            p.display().message("the champion failed when timed again (" + again.status() + "); it is demoted");
        }
        state.bestScore = p.db().best().map(ProgramRecord::score).orElse(0.0);
        p.db().best().ifPresent(this::writeBest);
    }

    /** During the run: the screen's best, confirmed with JMH now and then so the display can say so. */
    private void confirmBest() throws InterruptedException {
        var best = p.db().best().orElseThrow();
        if (best.id().equals(state.confirmedId)) {
            return;
        }
        Retiming.Confirmed c = confirm(best);
        if (c != null) {
            adopt(best, c);
        }
    }

    /**
     * At the end: the few best programs by screen are timed with JMH and the fastest by JMH is the
     * result, so that a lucky screening sample cannot decide what is reported.
     */
    private void confirmFinalists() throws InterruptedException {
        List<ProgramRecord> finalists = new ArrayList<>();
        for (int i = 0; i < p.db().islandCount(); i++) {
            for (ProgramRecord elite : p.db().elites(i)) {
                if (finalists.stream().noneMatch(f -> f.id().equals(elite.id()))) {
                    finalists.add(elite);
                }
            }
        }
        finalists.sort(java.util.Comparator.comparingDouble(ProgramRecord::score).reversed());
        ProgramRecord winner = null;
        Retiming.Confirmed best = null;
        for (ProgramRecord f : finalists.subList(0, Math.min(FINALISTS, finalists.size()))) {
            Retiming.Confirmed c = f.id().equals(state.confirmedId) ? state.confirmed() : confirm(f);
            if (c != null && (best == null || c.speedup() > best.speedup())) {
                winner = f;
                best = c;
            }
        }
        if (winner != null && !winner.id().equals(state.confirmedId)) {
            adopt(winner, best);
        }
        if (winner != null) {
            writeBest(winner);
        }
    }

    private Retiming.Confirmed confirm(ProgramRecord program) throws InterruptedException {
        Retiming.Confirmed c = p.retiming().confirm(program.source());
        state.lastConfirmationMs = budget.elapsed().toMillis();
        if (c != null) {
            p.events().log("jmh_confirmed", orderedMap("id", program.id(), "score_ms", c.program().scoreMs(),
                    "error_ms", c.program().errorMs(), "seed_score_ms", c.seed().scoreMs(),
                    "seed_error_ms", c.seed().errorMs(), "speedup", c.speedup(), "gflops", gflopsOf(c.program()),
                    "screen_speedup", program.score(), "implausible", c.implausible(program.score())));
        }
        return c;
    }

    private void adopt(ProgramRecord program, Retiming.Confirmed c) {
        state.adopt(program.id(), c);
        p.display().message(String.format("JMH confirms the best: %.3f ± %.3f ms/op, %.2fx the seed, %.2f GFLOP/s",
                c.program().scoreMs(), c.program().errorMs(), c.speedup(), gflopsOf(c.program())));
    }

    private double gflopsOf(EvaluationOutcome.Jmh jmh) {
        return p.target().flops(timingSize()) / (jmh.scoreMs() * 1e6);
    }

    /**
     * The effective bandwidth of a program running at {@code gflops} at the timing size: the same
     * time, the target's bytes instead of its FLOPs (0 when the target does not state its bytes).
     */
    private double gbpsAt(double gflops) {
        int n = timingSize();
        double flops = p.target().flops(n);
        return flops > 0 && gflops > 0 ? gflops * p.target().bytes(n) / flops : 0;
    }

    private int timingSize() {
        return p.config().timingSize() != null ? p.config().timingSize() : p.target().timingSize();
    }

    private RunSummary finish(String how) throws InterruptedException {
        if (p.lane() != null) {
            p.lane().close();                          // no more model requests (and no more cost) once the loop ends
        }
        if (how.equals("finished") && p.config().jmh() && p.db().best().isPresent()) {
            waitFor(() -> {
                confirmFinalists();
                return null;
            });
        }
        state.save(p.db(), budget);
        RunSummary summary = summary(how);
        writeSummary(summary);
        p.events().log("run_" + how, orderedMap("iterations", state.iterations, "elapsed_ms",
                budget.elapsed().toMillis(), "best_speedup", summary.bestSpeedup()));
        p.display().update(progress());
        return summary;
    }

    Progress progress() {
        boolean confirmed = state.confirmedId != null
                && p.db().best().map(b -> b.id().equals(state.confirmedId)).orElse(false);
        var best = p.db().best();
        double gflops = confirmed ? gflopsOf(state.confirmed().program()) : best.map(ProgramRecord::gflops).orElse(0.0);
        return new Progress(budget.elapsed(), budget.limit(), state.iterations, budget.iterationLimit(),
                confirmed ? state.confirmed().speedup() : best.map(ProgramRecord::score).orElse(0.0),
                gflops, gbpsAt(gflops), confirmed, state.duplicates, state.statusCounts, state.primaryMetric,
                best.map(this::primaryValue).orElse(null));
    }

    /**
     * The summary. The reported best is the JMH-confirmed program once the run has ended (or while
     * the confirmed program is still the screen's best); the screen's own best is reported beside it.
     */
    private RunSummary summary(String status) {
        var screenBest = p.db().best();
        var seed = p.db().get(SourceHash.of(p.target().seedSource()));
        boolean ended = !status.equals("running");
        boolean confirmed = state.confirmedId != null
                && (ended || screenBest.map(b -> b.id().equals(state.confirmedId)).orElse(false));
        var reported = confirmed ? p.db().get(state.confirmedId) : screenBest;
        double bestGflops = confirmed ? gflopsOf(state.confirmed().program())
                : reported.map(ProgramRecord::gflops).orElse(0.0);
        // Unconfirmed, the speedup is against the seed's latest re-timing, not its first record: the seed's
        // figure is taken from the same timing so that best_gflops / seed_gflops equals best_speedup.
        double reportedSpeedup = reported.map(ProgramRecord::score).orElse(0.0);
        double seedGflops = confirmed ? gflopsOf(state.confirmed().seed())
                : reportedSpeedup > 0 && bestGflops > 0 ? bestGflops / reportedSpeedup
                : seed.map(ProgramRecord::gflops).orElse(0.0);
        boolean statesBytes = p.target().bytes(timingSize()) > 0;
        boolean timed = state.primaryMetric == null;      // a custom evaluator's score is no speedup
        return new RunSummary(p.target().name(), p.config().seed(), status, p.folder().runId(),
                !timed ? 0.0 : confirmed ? state.confirmed().speedup() : reported.map(ProgramRecord::score).orElse(0.0),
                bestGflops, seedGflops, statesBytes ? gbpsAt(bestGflops) : null, statesBytes ? gbpsAt(seedGflops) : null,
                p.target().bandwidthBound(),
                confirmed, reported.map(ProgramRecord::id).orElse(null), reported.map(ProgramRecord::origin).orElse(null),
                timed ? screenBest.map(ProgramRecord::score).orElse(0.0) : 0.0,
                screenBest.map(ProgramRecord::gflops).orElse(0.0),
                confirmed ? new RunSummary.JmhFigures(state.confirmedScoreMs, state.confirmedErrorMs,
                        state.seedScoreMs, state.seedErrorMs, state.confirmed().implausible(
                                reported.map(ProgramRecord::score).orElse(0.0))) : null,
                state.iterations, state.duplicates, new TreeMap<>(state.statusCounts), state.episodes,
                budget.elapsed().toMillis() / 1000.0, state.evaluatingMs / 1000.0,
                overheadFraction(), timingSize(), p.db().islandStats().stream().map(i -> orderedMap(
                        "island", i.island(), "occupied_cells", i.occupiedCells(), "cells", i.cells(),
                        "best_score", i.bestScore(), "best_id", i.bestId(), "programs", i.programs(),
                        "measured", i.measured(), "migrants_in", i.migrantsIn(), "resets", i.resets())).toList(),
                p.config().mutator(), p.lane() == null ? null : p.lane().stats(), state.primaryMetric,
                reported.map(this::primaryValue).orElse(null), seed.map(this::primaryValue).orElse(null));
    }

    /** The primary metric's value of a program judged by a custom evaluator; null for timed kernels. */
    private Double primaryValue(ProgramRecord program) {
        return state.primaryMetric == null ? null : program.metrics().get(state.primaryMetric);
    }

    /** Share of the run's wall time the loop spent on its own work rather than waiting for evaluations. */
    private double overheadFraction() {
        long elapsed = budget.elapsed().toMillis();
        return elapsed <= 0 ? 0 : Math.max(0, elapsed - state.evaluatingMs) / (double) elapsed;
    }

    private void writeSummary(RunSummary summary) {
        RunFolder.writeAtomically(p.folder().summary(), summary.toJson());
    }

    private void writeBest(ProgramRecord best) {
        RunFolder.writeAtomically(p.folder().best(p.target().fileName()), best.source());
    }

    /** The database record of an outcome, with the metrics the report and the prompts use. */
    private ProgramRecord record(String parentId, String source, int island, long iteration, String origin,
                                 EvaluationOutcome outcome) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        switch (outcome) {
            case EvaluationOutcome.Measured m -> {
                metrics.put("spread", m.timing().relativeSpread());
                double bytes = p.target().bytes(m.timing().size());
                if (bytes > 0) {
                    metrics.put("gbps", bytes / m.timing().medianNs());
                }
                metrics.put("seed_median_ns", (double) m.seedTiming().medianNs());
            }
            case EvaluationOutcome.CompileFailed c -> metrics.put("diagnostics", (double) c.diagnostics().size());
            case EvaluationOutcome.Incorrect i -> metrics.put("mismatch_size", (double) i.mismatch().size());
            case EvaluationOutcome.TimedOut t -> metrics.put("limit_ms", (double) t.limit().toMillis());
            case EvaluationOutcome.Scored s -> metrics.putAll(s.metrics());
            case EvaluationOutcome.Rejected r -> { }
            case EvaluationOutcome.Crashed c -> { }
        }
        return ProgramRecord.of(parentId, source, island, iteration, origin, truncated(outcome), metrics,
                p.clock().instant());
    }

    /** Keeps stored details bounded (a flood of diagnostics or a huge stack trace). */
    private static EvaluationOutcome truncated(EvaluationOutcome outcome) {
        return switch (outcome) {
            case EvaluationOutcome.Rejected r -> new EvaluationOutcome.Rejected(truncate(r.reason(), 4000));
            case EvaluationOutcome.Crashed c -> new EvaluationOutcome.Crashed(c.kind(), truncate(c.message(), 2000),
                    truncate(c.stackTrace(), 4000), truncate(c.output(), 2000));
            case EvaluationOutcome.Scored s -> {
                Map<String, String> artifacts = new LinkedHashMap<>();
                s.artifacts().forEach((k, v) -> artifacts.put(k, truncate(v, 2000)));
                yield new EvaluationOutcome.Scored(s.primary(), s.value(), s.maximize(), s.metrics(), artifacts);
            }
            default -> outcome;
        };
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static Map<String, Object> orderedMap(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private record Pending(int index, String id, Candidate candidate, Future<EvaluationOutcome> future) {
    }
}
