package dev.evolve.tools.loop;

import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.engine.record.RunFolder;
import dev.evolve.engine.record.RunSummary;
import dev.evolve.engine.wiring.RunSession;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Does the engine's heap stay flat over a long run? Runs the real loop (rewrites, Jenetics,
 * SQLite database, event log) for N children with the evaluation replaced by an instant synthetic
 * one, since 10,000 real evaluations take hours; the workers' memory is theirs, capped by -Xmx.
 * Prints the heap after GC and the peak heap.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.loop.LoopMemoryBenchmark [children=10000]
 * </pre>
 */
public final class LoopMemoryBenchmark {

    private LoopMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long children = args.length > 0 ? Long.parseLong(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("evolve-memory-");
        RunConfig config = ConfigFiles.effective("matmul", null, Map.of("iterations", children, "jmh", false,
                "retime_interval", 1_000_000, "population", 16, "generations", 8));
        RunFolder folder = RunFolder.create(dir.resolve("run"), "memory-benchmark", "matmul", Instant.now());
        long t0 = System.nanoTime();
        RunSummary s = RunSession.startWith(folder, config, Synthetic::new);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        Thread.sleep(200);
        System.gc();
        var rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("children %d (%d duplicates skipped) in %.1f s: %.1f per second of engine work%n",
                s.candidatesEvaluated(), s.duplicatesSkipped(), seconds, s.candidatesEvaluated() / seconds);
        System.out.printf("heap after GC %.1f MB, peak heap (sum of pool peaks) %.1f MB, max heap %.0f MB%n",
                used / 1e6, peak / 1e6, rt.maxMemory() / 1e6);
        System.out.printf("database %.1f MB, run folder %s%n", Files.size(folder.database()) / 1e6, folder.dir());
    }

    /** Outcomes from the source's hash: instant, deterministic, a few failures. */
    static final class Synthetic implements VariantEvaluator {
        private final Timing seed = Timing.of(512, List.of(400_000_000L));

        Synthetic(dev.evolve.kernels.Target target) {
        }

        @Override
        public EvaluationOutcome evaluate(String source) {
            int h = Math.floorMod(source.hashCode(), 1000);
            if (h < 100) {
                return new EvaluationOutcome.Incorrect(new dev.evolve.kernels.Mismatch(17, h, 1, 0, ""), "check");
            }
            long median = 4_000_000L + 400_000L * h;
            Timing t = Timing.of(512, List.of(median));
            return new EvaluationOutcome.Measured(t, seed, 2.0 * 512 * 512 * 512 / median,
                    (double) seed.medianNs() / median, null);
        }

        @Override
        public void close() {
        }
    }
}
