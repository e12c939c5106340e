package dev.evolve.tools.cluster;

import dev.evolve.engine.cluster.ClusterAddress;
import dev.evolve.engine.cluster.ClusterLink;
import dev.evolve.engine.cluster.ClusterWorker;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a coordinator saturates ("Internet scale on paper"): a growing cluster of members, all
 * Hazelcast instances in this JVM, each with {@code slots} slots whose evaluator sleeps a fixed time,
 * and one coordinator (a lite member, as in a run) whose loop threads, one per slot, send candidates
 * through the run's own {@link ClusterLink} evaluator (two ledger writes per candidate in SQLite) and
 * hand each result to one filing thread that commits it to the same SQLite file, as a run's pipeline
 * files a child (one transaction per candidate, the ledger's connection beside it). For each cluster
 * size it prints candidates/s against the ideal (slots / sleep), the dispatch latency (an evaluation's
 * time beyond the sleep), the time of a filing commit, and the coordinator's CPU (its Hazelcast
 * threads, loop threads and filing thread) in cores.
 *
 * <p>Not a test: the members share this machine's cores with the coordinator, so the figures are a
 * lower bound of what one coordinator sustains with members on machines of their own.
 *
 * <pre>java -Xmx3g --enable-native-access=ALL-UNNAMED -cp benchmarks/tools/target/evolve-tools.jar \
 *     dev.evolve.tools.cluster.SaturationBenchmark
 *     [members=4,8,16,32,64] [slots=4] [sleep-ms=200] [seconds=8]</pre>
 */
public final class SaturationBenchmark {

    private SaturationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "4,8,16,32,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int slots = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        long sleepMs = args.length > 2 ? Long.parseLong(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 8;

        String name = "evolve-saturation-" + Long.toHexString(System.nanoTime());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ClusterAddress join = new ClusterAddress("127.0.0.1", port);
        List<ClusterWorker> workers = new ArrayList<>();
        Path dir = Files.createTempDirectory("evolve-saturation");
        Path db = dir.resolve("programs.db");
        workers.add(member(join, port, name, slots, sleepMs));
        RunConfig config = ConfigFiles.effective("matmul", null, Map.of("iterations", 1, "cluster.join",
                join.toString(), "cluster.name", name, "cluster.local_workers", false));
        System.out.printf("saturation: members in this JVM (%d cores), %d slots each, evaluator sleeping %d ms,"
                + " %d s per size; SQLite file %s%n", Runtime.getRuntime().availableProcessors(), slots, sleepMs,
                seconds, db);
        System.out.printf("%8s %6s %10s %10s %6s %12s %12s %12s %10s%n", "members", "slots", "cand/s", "ideal",
                "%", "dispatch p50", "dispatch p90", "filing p50", "coord CPU");
        try (ClusterLink link = ClusterLink.open(config, db, null, InstantSource.system());
             Connection filing = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            try (Statement s = filing.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS filed (id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
                        + " outcome TEXT NOT NULL, filed_ms INTEGER NOT NULL)");
            }
            VariantEvaluator evaluator = link.evaluator(e -> {
                if (!e.name().equals("dispatched") && !e.name().equals("member_joined")) {
                    System.out.println("  (" + e.name() + ": " + e + ")");
                }
            });
            AtomicInteger ids = new AtomicInteger();
            for (int size : sizes) {
                while (workers.size() < size) {
                    workers.add(member(join, port + workers.size(), name, slots, sleepMs));
                }
                for (int i = 0; i < 600 && !link.liveLine().startsWith(size + " members"); i++) {
                    Thread.sleep(100);
                }
                step(size, slots, sleepMs, seconds, evaluator, filing, ids);
            }
        } finally {
            // the members are not shut down one by one (64 graceful leaves take minutes): they end with the JVM
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static ClusterWorker member(ClusterAddress join, int port, String name, int slots, long sleepMs) {
        return ClusterWorker.start(new ClusterWorker.Options(join, "127.0.0.1", port, name, slots),
                (target, evaluation) -> new Sleeper(sleepMs), line -> { });
    }

    private static void step(int members, int slots, long sleepMs, int seconds, VariantEvaluator evaluator,
                             Connection filing, AtomicInteger ids) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int loops = members * slots;
        BlockingQueue<String> toFile = new ArrayBlockingQueue<>(loops * 2);
        List<Long> dispatchNs = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> filingNs = new ArrayList<>();
        AtomicLong loopCpu = new AtomicLong();
        long hzCpuBefore = coordinatorHazelcastCpu(threads);
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        Thread filer = Thread.ofPlatform().name("bench-filer").start(() -> {
            try (PreparedStatement insert = filing.prepareStatement(
                    "INSERT INTO filed (id, source, outcome, filed_ms) VALUES (?, ?, ?, ?)")) {
                for (String source; !(source = toFile.take()).isEmpty(); ) {
                    long f0 = System.nanoTime();
                    insert.setInt(1, ids.incrementAndGet());
                    insert.setString(2, source);
                    insert.setString(3, "{\"type\":\"measured\"}");
                    insert.setLong(4, System.currentTimeMillis());
                    insert.executeUpdate();
                    filingNs.add(System.nanoTime() - f0);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                loopCpu.addAndGet(threads.getCurrentThreadCpuTime());
            }
        });
        AtomicInteger next = new AtomicInteger();
        List<Thread> loopThreads = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            loopThreads.add(Thread.ofPlatform().name("bench-loop-" + l).start(() -> {
                try {
                    while (System.nanoTime() < end) {
                        String source = "class Variant { String v = \"m" + members + " " + next.incrementAndGet()
                                + "\"; }";
                        long e0 = System.nanoTime();
                        evaluator.evaluate(source);
                        dispatchNs.add(System.nanoTime() - e0 - sleepMs * 1_000_000L);
                        toFile.put(source);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    loopCpu.addAndGet(threads.getCurrentThreadCpuTime());
                }
            }));
        }
        for (Thread t : loopThreads) {
            t.join();
        }
        toFile.put("");              // the end of the step
        filer.join();
        double wall = (System.nanoTime() - t0) / 1e9;
        long cpu = loopCpu.get() + coordinatorHazelcastCpu(threads) - hzCpuBefore;
        long[] d = dispatchNs.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] f = filingNs.stream().mapToLong(Long::longValue).sorted().toArray();
        double rate = f.length / wall;
        double ideal = loops * 1000.0 / sleepMs;
        System.out.printf("%8d %6d %10.1f %10.1f %5.0f%% %10.1f ms %10.1f ms %10.2f ms %10.2f%n", members, loops,
                rate, ideal, 100 * rate / ideal, pct(d, 50) / 1e6, pct(d, 90) / 1e6, pct(f, 50) / 1e6, cpu / 1e9 / wall);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    /** CPU time of the coordinator's Hazelcast threads (named after its instance, {@code evolve-coordinator-...}). */
    private static long coordinatorHazelcastCpu(ThreadMXBean threads) {
        long sum = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("evolve-coordinator-")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, t);
            }
        }
        return sum;
    }

    /** Sleeps, then reports a fixed timing: the cost of an evaluation without its work. */
    private record Sleeper(long sleepMs) implements VariantEvaluator {
        private static final Timing T = Timing.of(64, List.of(1_000_000L));

        @Override
        public EvaluationOutcome evaluate(String source) throws InterruptedException {
            Thread.sleep(sleepMs);
            return new EvaluationOutcome.Measured(T, T, 1.0, 1.0, null);
        }

        @Override
        public void close() {
        }
    }
}
