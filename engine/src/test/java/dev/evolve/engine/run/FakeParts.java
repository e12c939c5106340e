package dev.evolve.engine.run;

import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.recipe.RecipeSearch;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.EventLog;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.wiring.ModelWiring;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test seams for the loop: rewrites that insert a marked comment-free statement into the evolve
 * block, and an evaluator whose outcome is a pure function of the source (so two runs with the
 * same seed must propose and file the same programs in the same order).
 */
final class FakeParts {

    private FakeParts() {
    }

    /**
     * Inserts {@code int <letter><knob> = 0;} at the top of the block; declines after six of its own, so that the
     * programs reachable from an elite (whose chains go deep) outnumber what a test run files.
     */
    record Insert(String letter) implements Rewrite {
        @Override public String name() { return "insert-" + letter; }
        @Override public String description() { return "insert a declaration"; }
        @Override public List<Integer> knobs() { return List.of(1, 2, 3, 4); }
        @Override public Optional<String> apply(String source, int knob) {
            var block = EvolveBlock.of(source).orElseThrow();
            if (block.body().split("int " + letter, -1).length > 6) {
                return Optional.empty();
            }
            return Optional.of(block.withBody("    int " + letter + knob + "x" + block.body().length() + " = 0;\n"
                    + block.body()));
        }
    }

    static final List<Rewrite> REWRITES = List.of(new Insert("a"), new Insert("b"), new Insert("c"));

    /** Deterministic outcomes from the source's hash; records every source it is asked about. */
    static final class Evaluator implements VariantEvaluator, Retiming {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        private final KernelTarget target;
        private final long delayMs;
        private final Timing seedTiming;

        Evaluator(KernelTarget target, long delayMs) {
            this.target = target;
            this.delayMs = delayMs;
            this.seedTiming = Timing.of(64, List.of(1_000_000L, 1_000_000L, 1_000_000L));
        }

        final List<String> retimed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public EvaluationOutcome evaluate(String source) throws InterruptedException {
            seen.add(source);
            return outcome(source);
        }

        private EvaluationOutcome outcome(String source) throws InterruptedException {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            int h = Math.floorMod(source.hashCode(), 100);
            if (source.equals(target.seedSource())) {
                return measured(1_000_000L);
            }
            if (h < 10) {
                return new EvaluationOutcome.CompileFailed(List.of(new dev.evolve.eval.CompileDiagnostic(3, 1, "fake")));
            }
            if (h < 20) {
                return new EvaluationOutcome.Incorrect(new dev.evolve.kernels.Mismatch(3, 0, 1, 2, ""), "check");
            }
            return measured(200_000L + 10_000L * h);
        }

        private EvaluationOutcome.Measured measured(long medianNs) {
            Timing t = Timing.of(64, List.of(medianNs, medianNs, medianNs));
            return new EvaluationOutcome.Measured(t, seedTiming, target.flops(64) / medianNs,
                    (double) seedTiming.medianNs() / medianNs, null);
        }

        @Override public Timing retimeSeed() { return seedTiming; }
        @Override public EvaluationOutcome time(String source) throws InterruptedException {
            retimed.add(source);
            return outcome(source);
        }
        @Override public Confirmed confirm(String source) { return null; }
        @Override public void close() { }
    }

    static RunConfig config(long iterations, long seed) {
        return ConfigFiles.effective("matmul", null, Map.of("iterations", iterations, "seed", seed,
                "islands", 2, "jmh", false, "timing_size", 64, "workers", 2, "retime_interval", 10));
    }

    /** Runs (or resumes) the loop in {@code dir} with the fake evaluator. */
    static RunSummary run(Path dir, RunConfig config, Evaluator evaluator, boolean create) throws InterruptedException {
        return run(dir, config, evaluator, evaluator, create);
    }

    /** As {@link #run(Path, RunConfig, Evaluator, boolean)} with a separate evaluator (a decorator, say). */
    static RunSummary run(Path dir, RunConfig config, VariantEvaluator evaluator, Retiming retiming, boolean create)
            throws InterruptedException {
        RunFolder folder = create ? RunFolder.create(dir, "test-run", "matmul", java.time.Instant.EPOCH)
                : RunFolder.open(dir);
        if (create) {
            ConfigFiles.write(config, folder.config());
        }
        KernelTarget target = Targets.withTimingSize(Targets.require("matmul"), 64);
        try (var db = IslandDatabase.open(folder.database(), config.database().toDatabaseConfig());
             var events = new EventLog(folder.events(), InstantSource.system());
             var display = new RunDisplay.LogLines(System.err, InstantSource.system(), Duration.ofHours(1))) {
            var observers = Observers.standard(folder, target.fileName(), events, display);
            var search = new RecipeSearch(REWRITES, RecipeSearch.Config.DEFAULT);
            try (ModelProposer model = ModelWiring.proposer(config, folder, target, observers)) {
                var evolution = Evolution.prepare(new Evolution.Parts(target, config, folder.runId(), db, evaluator,
                        retiming, search, model, observers, InstantSource.system()));
                if (model != null) {
                    model.start();
                }
                return evolution.run();
            }
        }
    }

}
