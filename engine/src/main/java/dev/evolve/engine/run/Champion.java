package dev.evolve.engine.run;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.kernels.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run's best and how far it is trusted: a new best is announced and becomes the screen's
 * champion; now and then the seed and the champion are timed again (a lucky sample must not stay on
 * top), the best is confirmed with JMH during the run, and at the end the few best by screen are timed
 * with JMH so that the fastest by JMH is the result. Owns that state ({@link Memo}), which the run
 * state persists.
 */
final class Champion {

    /** Programs with the best screening scores that JMH times at the end of a run. */
    static final int FINALISTS = 3;
    /** JMH takes ~10 s; during a run the best is confirmed at most this often (the final best always is). */
    static final long CONFIRM_EVERY_MS = 150_000;

    /** The champion's state, persisted with the run's counters under these (flat) names. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class Memo {
        long lastRetimeAt;
        double bestScore;
        String confirmedId;
        double confirmedScoreMs;
        double confirmedErrorMs;
        double seedScoreMs;
        double seedErrorMs;
        long lastConfirmationMs = -CONFIRM_EVERY_MS;
    }

    private final ProgramDatabase db;
    private final Retiming retiming;
    private final Target target;
    private final int timingSize;
    private final RunObserver observers;
    private final Memo memo;

    Champion(ProgramDatabase db, Retiming retiming, Target target, int timingSize, RunObserver observers, Memo memo) {
        this.db = db;
        this.retiming = retiming;
        this.target = target;
        this.timingSize = timingSize;
        this.observers = observers;
        this.memo = memo;
    }

    /** At the start of a session: the screen learns how fast the best so far is. */
    void resume() {
        db.best().filter(b -> b.medianNs() > 0).ifPresent(b ->
                retiming.newChampion(Timing.of(timingSize, List.of(b.medianNs()))));
    }

    /** The seed was filed: it is the first best. */
    void seed(ProgramRecord seed) {
        memo.bestScore = seed.score();
        observers.best(seed);
    }

    /** A child was filed: when it beats the best, it is announced and the screen measures against it. */
    void consider(ProgramRecord child, EvaluationOutcome outcome) {
        if (child.score() <= memo.bestScore) {
            return;
        }
        memo.bestScore = child.score();
        observers.event(outcome instanceof EvaluationOutcome.Scored s
                ? new RunEvent.NewBest(child.id(), child.iteration(), s.primary(), s.value(), null, null, child.origin())
                : new RunEvent.NewBest(child.id(), child.iteration(), null, null, child.score(), child.gflops(),
                        child.origin()));
        observers.best(child);
        if (outcome instanceof EvaluationOutcome.Measured m) {
            retiming.newChampion(m.timing());
        }
    }

    /** Whether {@code iterations} children since the last re-timing call for another. */
    boolean retimeDue(long iterations, int interval) {
        return iterations - memo.lastRetimeAt >= interval;
    }

    /** Times the seed and the champion again; a champion that no longer passes is demoted. */
    void retime(long iterations) throws InterruptedException {
        memo.lastRetimeAt = iterations;
        if (!retiming.retimes()) {
            return;                                    // a custom evaluator's score is not a time
        }
        var seedTiming = retiming.retimeSeed();
        var best = db.best().orElseThrow();
        observers.event(new RunEvent.RetimeSeed(seedTiming.medianNs(), seedTiming.relativeSpread()));
        if (best.origin().equals("seed")) {
            return;
        }
        EvaluationOutcome again = retiming.time(best.source());
        if (again instanceof EvaluationOutcome.Measured m) {
            db.rescore(best.id(), again.status(), ChildRecords.truncate(again.detail(), 4000), m.speedupVsSeed(),
                    m.gflops(), m.timing().medianNs());
            observers.event(new RunEvent.RetimeChampion(best.id(), best.score(), m.speedupVsSeed(), m.gflops(),
                    null, null));
        } else {
            db.rescore(best.id(), again.status(), ChildRecords.truncate(again.detail(), 4000), 0.0, 0.0, 0L);
            observers.event(new RunEvent.RetimeChampion(best.id(), best.score(), null, null, again.status(),
                    ChildRecords.truncate(again.detail(), 500)));
        }
        memo.bestScore = db.best().map(ProgramRecord::score).orElse(0.0);
        db.best().ifPresent(observers::best);
    }

    /** Whether a JMH confirmation is due {@code elapsedMs} into the run. */
    boolean confirmationDue(long elapsedMs) {
        return elapsedMs - memo.lastConfirmationMs >= CONFIRM_EVERY_MS;
    }

    /** During the run: the screen's best, confirmed with JMH now and then so the display can say so. */
    void confirmBest(long elapsedMs) throws InterruptedException {
        var best = db.best().orElseThrow();
        if (best.id().equals(memo.confirmedId)) {
            return;
        }
        Retiming.Confirmed c = confirm(best, elapsedMs);
        if (c != null) {
            adopt(best, c);
        }
    }

    /**
     * At the end: the few best programs by screen are timed with JMH and the fastest by JMH is the
     * result, so that a lucky screening sample cannot decide what is reported. Where every finalist is slower
     * than the seed under JMH, the seed is the result.
     */
    void confirmFinalists(long elapsedMs) throws InterruptedException {
        List<ProgramRecord> finalists = new ArrayList<>();
        for (int i = 0; i < db.islandCount(); i++) {
            for (ProgramRecord elite : db.elites(i)) {
                if (finalists.stream().noneMatch(f -> f.id().equals(elite.id()))) {
                    finalists.add(elite);
                }
            }
        }
        finalists.sort(Comparator.comparingDouble(ProgramRecord::score).reversed());
        ProgramRecord winner = null;
        Retiming.Confirmed best = null;
        for (ProgramRecord f : finalists.subList(0, Math.min(FINALISTS, finalists.size()))) {
            Retiming.Confirmed c = f.id().equals(memo.confirmedId) ? confirmed() : confirm(f, elapsedMs);
            if (c != null && (best == null || c.speedup() > best.speedup())) {
                winner = f;
                best = c;
            }
        }
        if (best != null && best.speedup() < 1.0) {
            // every finalist is slower than the seed under JMH (the screen was fooled): the result is the seed
            var seedRecord = db.get(SourceHash.of(target.seedSource()));
            if (seedRecord.isPresent()) {
                observers.message(String.format("JMH: no finalist beats the seed (the best is %.2fx); the result is the seed",
                        best.speedup()));
                winner = seedRecord.get();
                best = new Retiming.Confirmed(best.seed(), best.seed());
            }
        }
        if (winner != null && !winner.id().equals(memo.confirmedId)) {
            adopt(winner, best);
        }
        if (winner != null) {
            observers.best(winner);
        }
    }

    private Retiming.Confirmed confirm(ProgramRecord program, long elapsedMs) throws InterruptedException {
        Retiming.Confirmed c = retiming.confirm(program.source());
        memo.lastConfirmationMs = elapsedMs;
        if (c != null) {
            observers.event(new RunEvent.JmhConfirmed(program.id(), c.program().scoreMs(), c.program().errorMs(),
                    c.seed().scoreMs(), c.seed().errorMs(), c.speedup(), gflopsOf(c.program()), program.score(),
                    c.implausible(program.score())));
        }
        return c;
    }

    private void adopt(ProgramRecord program, Retiming.Confirmed c) {
        memo.confirmedId = program.id();
        memo.confirmedScoreMs = c.program().scoreMs();
        memo.confirmedErrorMs = c.program().errorMs();
        memo.seedScoreMs = c.seed().scoreMs();
        memo.seedErrorMs = c.seed().errorMs();
        observers.message(String.format("JMH confirms the best: %.3f ± %.3f ms/op, %.2fx the seed, %.2f GFLOP/s",
                c.program().scoreMs(), c.program().errorMs(), c.speedup(), gflopsOf(c.program())));
    }

    /** The id of the program JMH confirmed, or null. */
    String confirmedId() {
        return memo.confirmedId;
    }

    /** Whether the confirmed program is the screen's best now. */
    boolean confirmedIsBest() {
        return memo.confirmedId != null && db.best().map(b -> b.id().equals(memo.confirmedId)).orElse(false);
    }

    /** The confirmed program's figures as JMH gave them (meaningful when {@link #confirmedId()} is set). */
    Retiming.Confirmed confirmed() {
        return new Retiming.Confirmed(new EvaluationOutcome.Jmh(memo.confirmedScoreMs, memo.confirmedErrorMs, List.of()),
                new EvaluationOutcome.Jmh(memo.seedScoreMs, memo.seedErrorMs, List.of()));
    }

    /** GFLOP/s of a JMH score at the timing size. */
    double gflopsOf(EvaluationOutcome.Jmh jmh) {
        return target.flops(timingSize) / (jmh.scoreMs() * 1e6);
    }
}
