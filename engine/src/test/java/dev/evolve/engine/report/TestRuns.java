package dev.evolve.engine.report;

import dev.evolve.engine.run.ConfigFiles;
import dev.evolve.engine.run.RunConfig;
import dev.evolve.engine.run.RunFolder;
import dev.evolve.engine.run.RunSession;
import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Mismatch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Real run folders made quickly: the real loop (rewrites, Jenetics, SQLite database, event log, summary) with the
 * evaluation replaced, at the {@link RunSession#startWith} seam, by outcomes computed from the source's hash.
 */
final class TestRuns {

    private TestRuns() {
    }

    /** How the seam judges a child. */
    enum Judge { MIXED, ALL_FAIL }

    /** Runs {@code iterations} children of matmul into {@code dir} and returns the folder. */
    static Path run(Path dir, long iterations, Judge judge) throws InterruptedException {
        RunConfig config = ConfigFiles.effective("matmul", null, Map.of("iterations", iterations, "seed", 11L,
                "islands", 2, "jmh", false, "timing_size", 64, "workers", 1, "retime_interval", 1000));
        RunFolder folder = RunFolder.create(dir, "matmul-test", "matmul", Instant.parse("2026-01-02T03:04:05Z"));
        RunSession.startWith(folder, config, target -> new HashJudge(target, judge));
        return dir;
    }

    /** Outcomes from the source's hash: instant and deterministic; the seed always measures. */
    static final class HashJudge implements VariantEvaluator {
        private final Target target;
        private final Judge judge;
        private final Timing seed = Timing.of(64, List.of(1_000_000L));

        HashJudge(Target target, Judge judge) {
            this.target = target;
            this.judge = judge;
        }

        @Override
        public EvaluationOutcome evaluate(String source) {
            if (source.equals(target.seedSource())) {
                return measured(seed.medianNs());
            }
            int h = Math.floorMod(source.hashCode(), 100);
            if (judge == Judge.ALL_FAIL || h < 12) {
                return new EvaluationOutcome.Incorrect(new Mismatch(17, h, 1, 0, ""), "check");
            }
            if (h < 20) {
                return new EvaluationOutcome.CompileFailed(List.of(new CompileDiagnostic(3, 1, "cannot find symbol")));
            }
            if (h < 24) {
                return new EvaluationOutcome.Rejected("uses java.io");
            }
            return measured(100_000L + 20_000L * h);
        }

        private EvaluationOutcome.Measured measured(long medianNs) {
            Timing t = Timing.of(64, List.of(medianNs));
            return new EvaluationOutcome.Measured(t, seed, target.flops(64) / medianNs,
                    (double) seed.medianNs() / medianNs, null);
        }

        @Override
        public void close() {
        }
    }
}
