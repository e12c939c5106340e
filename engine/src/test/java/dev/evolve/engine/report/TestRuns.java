package dev.evolve.engine.report;

import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.wiring.RunSession;
import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real run folders made quickly: the real loop (rewrites, Jenetics, SQLite database, event log, summary) with the
 * evaluation replaced, at the {@link RunSession#startWith} seam, by outcomes computed from the source: from its
 * hash for a timed kernel, from its numbers for a scored target.
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

    /**
     * A scored target: three numbers in a text file whose {@link EnergyJudge#energy energy} is to be minimized
     * (a goal that makes the database's score differ from the raw value), judged instantly in the test's JVM.
     * The folder's evaluator command is never run: the seam replaces it.
     */
    static final String SCORED_SEED = """
            # three numbers; the energy (x - 1.3)^2 + (y - 2.2)^2 + (z - 0.9)^2 + 1 is to be minimized
            # EVOLVE-BLOCK-START
            x = 3.0
            y = 7.0
            z = 0.5
            # EVOLVE-BLOCK-END
            """;

    /** Writes the scored target's folder into {@code dir} and runs {@code iterations} children of it into {@code run}. */
    static Path runScored(Path dir, Path run, long iterations) throws InterruptedException, IOException {
        return runScored(dir, run, iterations, "energy", "distance");
    }

    /** As {@link #runScored(Path, Path, long)}, the evaluator naming its primary metric and its other metric so. */
    static Path runScored(Path dir, Path run, long iterations, String primary, String other)
            throws InterruptedException, IOException {
        Path target = Files.createDirectories(dir);
        Files.writeString(target.resolve("numbers.txt"), SCORED_SEED);
        Files.writeString(target.resolve("target.yaml"), """
                kind: scored
                name: numbers
                description: three numbers whose energy is to be minimized
                language: text
                seed: numbers.txt
                goal: minimize
                evaluator:
                  command: [false]
                """);
        RunConfig config = ConfigFiles.effective(target.toString(), null, Map.of("iterations", iterations,
                "seed", 11L, "islands", 2, "jmh", false, "workers", 1));
        RunFolder folder = RunFolder.create(run, "numbers-test", "numbers", Instant.parse("2026-01-02T03:04:05Z"));
        RunSession.startWith(folder, config, t -> new EnergyJudge(primary, other));
        return run;
    }

    /** The energy of the numbers a source sets: the measure of {@link #SCORED_SEED}'s target; lower is better. */
    static final class EnergyJudge implements VariantEvaluator {
        private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^([xyz]) = (\\S+)$");
        private final String primary;
        private final String other;

        EnergyJudge(String primary, String other) {
            this.primary = primary;
            this.other = other;
        }

        /** The energy of {@code source}'s x, y and z, or null when it does not set all three to numbers. */
        static Double energy(String source) {
            Map<String, Double> values = new LinkedHashMap<>();
            Matcher m = ASSIGNMENT.matcher(source);
            while (m.find()) {
                try {
                    values.put(m.group(1), Double.parseDouble(m.group(2)));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (values.size() != 3) {
                return null;
            }
            return sq(values.get("x") - 1.3) + sq(values.get("y") - 2.2) + sq(values.get("z") - 0.9) + 1;
        }

        private static double sq(double v) {
            return v * v;
        }

        @Override
        public EvaluationOutcome evaluate(String source) {
            Double energy = energy(source);
            if (energy == null) {
                return new EvaluationOutcome.Rejected("x, y and z must each be set to a number");
            }
            if (energy > 60) {
                return new EvaluationOutcome.Rejected("the numbers wandered too far (energy " + energy + ")");
            }
            return new EvaluationOutcome.Scored(primary, energy, false, Map.of(other, Math.sqrt(energy - 1)), Map.of());
        }

        @Override
        public void close() {
        }
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
