package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.record.RunEvent;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChampionTest {

    private static final long SEED_NS = 1_000_000L;

    @TempDir
    Path dir;

    /** Re-timing by script: outcomes and JMH milliseconds per source; the seed always takes 100 ms by JMH. */
    static final class Scripted implements Retiming {
        final Map<String, EvaluationOutcome> times = new HashMap<>();
        final Map<String, Double> jmhMs = new HashMap<>();
        final List<Timing> champions = new ArrayList<>();
        final List<String> confirmed = new ArrayList<>();

        @Override public Timing retimeSeed() { return timing(SEED_NS); }
        @Override public EvaluationOutcome time(String source) { return times.get(source); }
        @Override public void newChampion(Timing timing) { champions.add(timing); }

        @Override
        public Confirmed confirm(String source) {
            confirmed.add(source);
            Double ms = jmhMs.get(source);
            return ms == null ? null : new Confirmed(new EvaluationOutcome.Jmh(ms, 0.1, List.of()),
                    new EvaluationOutcome.Jmh(100.0, 1.0, List.of()));
        }
    }

    private static Timing timing(long ns) {
        return Timing.of(64, List.of(ns, ns, ns));
    }

    private static EvaluationOutcome.Measured measured(long ns) {
        return new EvaluationOutcome.Measured(timing(ns), timing(SEED_NS), LoopFixture.TARGET.flops(64) / ns,
                (double) SEED_NS / ns, null);
    }

    private static ProgramRecord record(String source, int island, long iteration, EvaluationOutcome outcome) {
        return ChildRecords.of(LoopFixture.TARGET, iteration == 0 ? null : dev.evolve.engine.db.SourceHash.of(LoopFixture.TARGET.seedSource()), source, island, iteration,
                iteration == 0 ? "seed" : "test", outcome, Instant.EPOCH);
    }

    private Scripted retiming;
    private LoopFixture f;
    private Champion champion;
    private List<ProgramRecord> children;

    /** Every test starts from a {@linkplain #fill filled} database of four islands, its champion, scripted re-timing. */
    @BeforeEach
    void fillTheDatabase() {
        retiming = new Scripted();
        f = new LoopFixture(dir, 4);
        champion = f.champion(retiming);
        children = fill();
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** The seed, and children with speedups 5, 4, 3 and 2 on islands 0 to 3. */
    private List<ProgramRecord> fill() {
        ProgramRecord seed = record(LoopFixture.TARGET.seedSource(), 0, 0, measured(SEED_NS));
        f.db.addSeed(seed);
        champion.seed(seed);
        List<ProgramRecord> children = new ArrayList<>();
        long[] ns = {200_000, 250_000, 333_333, 500_000};
        for (int i = 0; i < ns.length; i++) {
            var outcome = measured(ns[i]);
            ProgramRecord child = record(LoopFixture.child(i + 1), i, i + 1, outcome);
            f.db.add(child, new SplittableRandom(i), Map.of());
            champion.consider(child, outcome);
            children.add(child);
        }
        return children;
    }

    @Test
    void onlyABetterChildBecomesTheBestAndTheScreenMeasuresAgainstIt() {
        // speedups 5, 4, 3, 2 in that order: only the first beat the best
        assertThat(f.events(RunEvent.NewBest.class)).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo(children.getFirst().id());
            assertThat(b.speedup()).isEqualTo(5.0);
            assertThat(b.primaryMetric()).isNull();
        });
        assertThat(f.bests).extracting(ProgramRecord::id).containsExactly(
                dev.evolve.engine.db.SourceHash.of(LoopFixture.TARGET.seedSource()), children.getFirst().id());
        assertThat(retiming.champions).singleElement().extracting(Timing::medianNs).isEqualTo(200_000L);
    }

    @Test
    void aChampionThatFailsWhenTimedAgainIsDemoted() throws Exception {
        assertThat(champion.retimeDue(39, 40)).isFalse();
        assertThat(champion.retimeDue(40, 40)).isTrue();
        retiming.times.put(children.getFirst().source(), new EvaluationOutcome.Incorrect(
                new dev.evolve.kernels.Mismatch(64, 3, 1.0, 2.0, ""), "timed run"));
        champion.retime(40);
        assertThat(champion.retimeDue(79, 40)).isFalse();
        assertThat(f.events(RunEvent.RetimeSeed.class)).singleElement()
                .extracting(RunEvent.RetimeSeed::medianNs).isEqualTo(SEED_NS);
        assertThat(f.events(RunEvent.RetimeChampion.class)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(children.getFirst().id());
            assertThat(r.status()).isEqualTo("incorrect");
            assertThat(r.after()).isNull();
        });
        assertThat(f.db.best().orElseThrow().id()).isEqualTo(children.get(1).id());
        assertThat(f.bests.getLast().id()).isEqualTo(children.get(1).id());      // the best file follows

        // timed again and still fast: rescored, not demoted
        retiming.times.put(children.get(1).source(), measured(300_000));
        champion.retime(80);
        assertThat(f.events(RunEvent.RetimeChampion.class).getLast().after()).isCloseTo(3.33, org.assertj.core.data.Offset.offset(0.01));
        assertThat(f.db.best().orElseThrow().id()).isEqualTo(children.get(1).id());   // 3.33 still beats 3
    }

    @Test
    void atTheEndTheFastestOfTheThreeBestByJmhIsTheResult() throws Exception {
        retiming.jmhMs.put(children.get(0).source(), 20.0);
        retiming.jmhMs.put(children.get(1).source(), 10.0);     // the fastest of the three finalists
        retiming.jmhMs.put(children.get(2).source(), 30.0);
        retiming.jmhMs.put(children.get(3).source(), 1.0);      // fastest of all, but not a finalist by screen
        champion.confirmFinalists(1000);
        assertThat(retiming.confirmed).containsExactly(children.get(0).source(), children.get(1).source(),
                children.get(2).source());
        assertThat(f.events(RunEvent.JmhConfirmed.class)).hasSize(Champion.FINALISTS);
        assertThat(champion.confirmedId()).isEqualTo(children.get(1).id());
        assertThat(champion.confirmed().speedup()).isEqualTo(10.0);
        assertThat(f.messages).singleElement().asString().startsWith("JMH confirms the best");
        assertThat(f.bests.getLast().id()).isEqualTo(children.get(1).id());
        assertThat(champion.confirmedIsBest()).isFalse();         // the screen's best is another program
    }

    @Test
    void whenJmhFindsEveryFinalistSlowerThanTheSeedTheSeedIsTheResult() throws Exception {
        retiming.jmhMs.put(children.get(0).source(), 140.0);    // all three are slower than the seed's 100 ms
        retiming.jmhMs.put(children.get(1).source(), 120.0);
        retiming.jmhMs.put(children.get(2).source(), 150.0);
        champion.confirmFinalists(2000);
        String seedId = dev.evolve.engine.db.SourceHash.of(LoopFixture.TARGET.seedSource());
        assertThat(champion.confirmedId()).isEqualTo(seedId);
        assertThat(champion.confirmed().speedup()).isEqualTo(1.0);
        assertThat(f.bests.getLast().id()).isEqualTo(seedId);
        assertThat(f.messages).anySatisfy(m -> assertThat(m).contains("no finalist beats the seed"));
    }

    @Test
    void duringTheRunTheBestIsConfirmedAtMostEveryFewMinutesAndOnlyOnce() throws Exception {
        retiming.jmhMs.put(children.getFirst().source(), 20.0);
        assertThat(champion.confirmationDue(0)).isTrue();
        champion.confirmBest(1000);
        assertThat(champion.confirmedIsBest()).isTrue();
        assertThat(champion.confirmationDue(1000 + Champion.CONFIRM_EVERY_MS - 1)).isFalse();
        assertThat(champion.confirmationDue(1000 + Champion.CONFIRM_EVERY_MS)).isTrue();
        champion.confirmBest(200_000);                            // the same best: not timed again
        assertThat(retiming.confirmed).hasSize(1);
        assertThat(f.state.champion.confirmedId).isEqualTo(children.getFirst().id());   // persisted with the run state
    }
}
