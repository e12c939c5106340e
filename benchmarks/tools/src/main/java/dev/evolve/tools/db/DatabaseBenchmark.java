package dev.evolve.tools.db;

import dev.evolve.engine.db.DatabaseConfig;
import dev.evolve.engine.db.IslandDatabase;
import dev.evolve.engine.db.IslandStats;
import dev.evolve.engine.db.ProgramRecord;
import dev.evolve.engine.db.SyntheticPrograms;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

/**
 * Adds many programs with realistic (~3 KB) sources to a fresh database and prints heap used after GC, add and
 * sample throughput, and the file size. Not a test: figures depend on the machine.
 *
 * <pre>java -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.db.DatabaseBenchmark [programs=10000] [samples=2000]</pre>
 */
public final class DatabaseBenchmark {

    private DatabaseBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path dir = Files.createTempDirectory("evolve-db-bench");
        try {
            run(dir.resolve("programs.db"), n, samples);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path file, int n, int samples) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedAfterGc(memory);
        RandomGenerator rnd = new SplittableRandom(42);
        long sourceBytes = 0;
        long addNs;
        try (IslandDatabase db = IslandDatabase.open(file, DatabaseConfig.defaults())) {
            db.addSeed(SyntheticPrograms.program(0, 0, null, rnd));
            long t0 = System.nanoTime();
            long pausedNs = 0;
            long heapAtTenth = 0;
            for (int i = 1; i < n; i++) {
                ProgramRecord p = SyntheticPrograms.program(i, i % db.islandCount(), null, rnd);
                sourceBytes += p.source().length();
                db.add(p, rnd);
                if (i == n / 10) {
                    long pause = System.nanoTime();
                    heapAtTenth = usedAfterGc(memory);
                    pausedNs += System.nanoTime() - pause;
                }
            }
            addNs = System.nanoTime() - t0 - pausedNs;
            long heapAfter = usedAfterGc(memory);
            long t1 = System.nanoTime();
            for (int i = 0; i < samples; i++) {
                db.sample(i % db.islandCount(), rnd);
            }
            long sampleNs = System.nanoTime() - t1;
            System.out.printf("programs: %d (average source %.0f bytes, %.1f MB of source in total)%n", db.size(),
                    (double) sourceBytes / (n - 1), sourceBytes / 1e6);
            System.out.printf("add: %.0f programs/s (%.3f ms each, one committed transaction each)%n",
                    (n - 1) / (addNs / 1e9), addNs / 1e6 / (n - 1));
            System.out.printf("sample: %.0f samples/s (%.3f ms each, parent + %d inspirations loaded)%n",
                    samples / (sampleNs / 1e9), sampleNs / 1e6 / samples, db.config().inspirations());
            System.out.printf("heap used after GC: %.1f MB before opening, %.1f MB after %d programs, %.1f MB after %d"
                    + " (%.0f bytes per program between the two)%n", heapBefore / 1e6, heapAtTenth / 1e6, n / 10,
                    heapAfter / 1e6, n, (double) (heapAfter - heapAtTenth) / (n - n / 10));
            System.out.printf("file: %.1f MB (plus WAL %.1f MB)%n", Files.size(file) / 1e6,
                    Files.exists(Path.of(file + "-wal")) ? Files.size(Path.of(file + "-wal")) / 1e6 : 0.0);
            for (IslandStats s : db.islandStats()) {
                System.out.println("  " + s);
            }
        }
        long t2 = System.nanoTime();
        try (IslandDatabase db = IslandDatabase.open(file, DatabaseConfig.defaults())) {
            System.out.printf("reopen (index rebuilt from the tables): %.0f ms, %d programs, %d sources read%n",
                    (System.nanoTime() - t2) / 1e6, db.size(), db.sourceReads());
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
