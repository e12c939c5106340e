package dev.evolve.engine.run;

import dev.evolve.engine.db.ProgramDatabase;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SourceHash;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.kernels.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** What a run has found so far, as the display's {@link Progress} and as the {@link RunSummary}. */
final class Figures {

    private final Target target;
    private final int timingSize;
    private final long seed;
    private final String runId;
    private final String mutator;
    private final ProgramDatabase db;
    private final RunState state;
    private final Budget budget;
    private final Champion champion;
    private final Supplier<Map<String, Object>> llm;
    private final Supplier<Map<String, Object>> guidance;

    @SuppressWarnings("checkstyle:ParameterNumber")
    Figures(Target target, int timingSize, long seed, String runId, String mutator, ProgramDatabase db, RunState state,
            Budget budget, Champion champion, Supplier<Map<String, Object>> llm,
            Supplier<Map<String, Object>> guidance) {
        this.target = target;
        this.timingSize = timingSize;
        this.seed = seed;
        this.runId = runId;
        this.mutator = mutator;
        this.db = db;
        this.state = state;
        this.budget = budget;
        this.champion = champion;
        this.llm = llm;
        this.guidance = guidance;
    }

    Progress progress() {
        boolean confirmed = champion.confirmedIsBest();
        var best = db.best();
        double gflops = confirmed ? champion.gflopsOf(champion.confirmed().program())
                : best.map(ProgramRecord::gflops).orElse(0.0);
        return new Progress(budget.elapsed(), budget.limit(), state.iterations, budget.iterationLimit(),
                confirmed ? champion.confirmed().speedup() : best.map(ProgramRecord::score).orElse(0.0),
                gflops, gbpsAt(gflops), confirmed, state.duplicates, state.statusCounts, state.primaryMetric,
                best.map(this::primaryValue).orElse(null), modelLine());
    }

    /**
     * The summary. The reported best is the JMH-confirmed program once the run has ended (or while
     * the confirmed program is still the screen's best); the screen's own best is reported beside it.
     */
    RunSummary summary(String status) {
        var screenBest = db.best();
        var seedRecord = db.get(SourceHash.of(target.seedSource()));
        boolean ended = !status.equals("running");
        boolean confirmed = champion.confirmedId() != null && (ended || champion.confirmedIsBest());
        var reported = confirmed ? db.get(champion.confirmedId()) : screenBest;
        var jmh = champion.confirmed();
        double bestGflops = confirmed ? champion.gflopsOf(jmh.program()) : reported.map(ProgramRecord::gflops).orElse(0.0);
        // Unconfirmed, the speedup is against the seed's latest re-timing, not its first record: the seed's
        // figure is taken from the same timing so that best_gflops / seed_gflops equals best_speedup.
        double reportedSpeedup = reported.map(ProgramRecord::score).orElse(0.0);
        double seedGflops = confirmed ? champion.gflopsOf(jmh.seed())
                : reportedSpeedup > 0 && bestGflops > 0 ? bestGflops / reportedSpeedup
                : seedRecord.map(ProgramRecord::gflops).orElse(0.0);
        boolean statesBytes = target.bytes(timingSize) > 0;
        boolean timed = state.primaryMetric == null;      // a custom evaluator's score is no speedup
        return RunSummary.builder(target.name(), seed, runId).status(status)
                .best(!timed ? 0.0 : confirmed ? jmh.speedup() : reportedSpeedup, bestGflops,
                        reported.map(ProgramRecord::id).orElse(null), reported.map(ProgramRecord::origin).orElse(null),
                        confirmed)
                .seedGflops(seedGflops)
                .bandwidth(statesBytes ? gbpsAt(bestGflops) : null, statesBytes ? gbpsAt(seedGflops) : null,
                        target.bandwidthBound())
                .screenBest(timed ? screenBest.map(ProgramRecord::score).orElse(0.0) : 0.0,
                        screenBest.map(ProgramRecord::gflops).orElse(0.0))
                .jmh(confirmed ? new RunSummary.JmhFigures(jmh.program().scoreMs(), jmh.program().errorMs(),
                        jmh.seed().scoreMs(), jmh.seed().errorMs(), jmh.implausible(reportedSpeedup)) : null)
                .counts(state.iterations, state.duplicates, new TreeMap<>(state.statusCounts), state.episodes)
                .time(budget.elapsed().toMillis() / 1000.0, state.evaluatingMs / 1000.0, overheadFraction())
                .timingSize(timingSize)
                .islands(db.islandStats().stream().map(i -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("island", i.island());
                    m.put("occupied_cells", i.occupiedCells());
                    m.put("cells", i.cells());
                    m.put("best_score", i.bestScore());
                    m.put("best_id", i.bestId());
                    m.put("programs", i.programs());
                    m.put("measured", i.measured());
                    m.put("migrants_in", i.migrantsIn());
                    m.put("resets", i.resets());
                    return m;
                }).toList())
                .mutator(mutator)
                .llm(llm.get())
                .guidance(guidance.get())
                .primary(state.primaryMetric, reported.map(this::primaryValue).orElse(null),
                        seedRecord.map(this::primaryValue).orElse(null))
                .build();
    }

    /** The model lane's part of the live line: new children per call, duplicates and near copies; null without a model. */
    private String modelLine() {
        Map<String, Object> m = llm.get();
        if (m == null || !(m.get("calls") instanceof Number calls)) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "model: %s new / %d calls, %s dup, %s near", m.get("new_children"),
                calls.longValue(), m.get("duplicates"), m.get("near_copies"));
    }

    /** The primary metric's value of a program judged by a custom evaluator; null for timed kernels. */
    private Double primaryValue(ProgramRecord program) {
        return state.primaryMetric == null ? null : program.metrics().get(state.primaryMetric);
    }

    /**
     * The effective bandwidth of a program running at {@code gflops} at the timing size: the same
     * time, the target's bytes instead of its FLOPs (0 when the target does not state its bytes).
     */
    private double gbpsAt(double gflops) {
        double flops = target.flops(timingSize);
        return flops > 0 && gflops > 0 ? gflops * target.bytes(timingSize) / flops : 0;
    }

    /** Share of the run's wall time the loop spent on its own work rather than waiting for evaluations. */
    private double overheadFraction() {
        long elapsed = budget.elapsed().toMillis();
        return elapsed <= 0 ? 0 : Math.max(0, elapsed - state.evaluatingMs) / (double) elapsed;
    }
}
