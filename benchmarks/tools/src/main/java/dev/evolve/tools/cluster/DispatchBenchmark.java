package dev.evolve.tools.cluster;

import dev.evolve.engine.cluster.ClusterAddress;
import dev.evolve.engine.cluster.ClusterLink;
import dev.evolve.engine.cluster.ClusterWorker;
import dev.evolve.engine.record.ConfigFiles;
import dev.evolve.engine.record.RunConfig;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Evaluation on a cluster over loopback, with members in this JVM and an evaluator at the worker seam
 * that does no work (or sleeps): first the coordinator's overhead per candidate (dispatch, the member's
 * reply, two SQLite ledger writes; goal: median under 5 ms), then throughput with 1, 2 and 4 members of
 * one slot each whose evaluator sleeps, against the ideal (members / sleep). Not a test: figures depend
 * on the machine; on two cores the members share the CPUs with the coordinator.
 *
 * <pre>java -cp benchmarks/tools/target/evolve-tools.jar dev.evolve.tools.cluster.DispatchBenchmark [candidates=500] [sleep-ms=100] [scaling-candidates=40]</pre>
 */
public final class DispatchBenchmark {

    private DispatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int candidates = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long sleepMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int scaling = args.length > 2 ? Integer.parseInt(args[2]) : 40;

        try (Cluster c = Cluster.start(1, 0)) {
            for (int i = 0; i < 50; i++) {                   // warm-up
                c.evaluator.evaluate(source("warm", i));
            }
            long[] ns = new long[candidates];
            for (int i = 0; i < candidates; i++) {
                long t0 = System.nanoTime();
                c.evaluator.evaluate(source("overhead", i));
                ns[i] = System.nanoTime() - t0;
            }
            Arrays.sort(ns);
            System.out.printf("dispatch overhead, instant evaluator, 1 member, %d candidates one at a time:%n"
                            + "  median %.2f ms, p90 %.2f ms, max %.2f ms (goal: median < 5 ms)%n", candidates,
                    ns[candidates / 2] / 1e6, ns[candidates * 9 / 10] / 1e6, ns[candidates - 1] / 1e6);
        }
        System.out.printf("scaling, evaluator sleeping %d ms, 1 slot per member, %d candidates:%n", sleepMs, scaling);
        for (int members : List.of(1, 2, 4)) {
            try (Cluster c = Cluster.start(members, sleepMs)) {
                ExecutorService pool = Executors.newFixedThreadPool(members);
                long t0 = System.nanoTime();
                List<Future<Long>> out = new ArrayList<>();
                for (int i = 0; i < scaling; i++) {
                    String s = source("scale" + members, i);
                    out.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        c.evaluator.evaluate(s);
                        return System.nanoTime() - start;
                    }));
                }
                long[] each = new long[scaling];
                for (int i = 0; i < scaling; i++) {
                    each[i] = out.get(i).get();
                }
                Arrays.sort(each);
                double seconds = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                double rate = scaling / seconds;
                double ideal = members * 1000.0 / sleepMs;
                System.out.printf("  %d member(s): %.1f candidates/s (ideal %.1f, %.0f%%); per candidate median %.0f ms,"
                        + " max %.0f ms%n", members, rate, ideal, 100 * rate / ideal, each[scaling / 2] / 1e6,
                        each[scaling - 1] / 1e6);
            }
        }
        System.exit(0);
    }

    private static String source(String tag, int i) {
        return "class Variant { String v = \"" + tag + " " + i + "\"; }";   // comments do not count: a string does
    }

    /** Members in this JVM, and a coordinator joined to them with no local workers. */
    private record Cluster(List<ClusterWorker> workers, ClusterLink link, VariantEvaluator evaluator, Path dir)
            implements AutoCloseable {

        static Cluster start(int members, long sleepMs) throws IOException {
            String name = "evolve-bench-" + Long.toHexString(System.nanoTime());
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ClusterAddress join = new ClusterAddress("127.0.0.1", port);
            List<ClusterWorker> workers = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                workers.add(ClusterWorker.start(new ClusterWorker.Options(join, "127.0.0.1", port + m, name, 1),
                        (target, evaluation) -> new Sleeper(sleepMs), line -> { }));
            }
            Path dir = Files.createTempDirectory("evolve-dispatch-bench");
            RunConfig config = ConfigFiles.effective("matmul", null, Map.of("iterations", 1, "cluster.join",
                    join.toString(), "cluster.name", name, "cluster.local_workers", false));
            ClusterLink link = ClusterLink.open(config, dir.resolve("programs.db"), null, InstantSource.system());
            return new Cluster(workers, link, link.evaluator(e -> {
                if (!e.name().equals("dispatched") && !e.name().equals("member_joined")) {
                    System.out.println("  (" + e.name() + ")");
                }
            }), dir);
        }

        @Override
        public void close() {
            link.close();
            workers.forEach(ClusterWorker::close);
        }
    }

    /** Sleeps, then reports a fixed timing: the cost of an evaluation without its work. */
    private record Sleeper(long sleepMs) implements VariantEvaluator {
        private static final Timing T = Timing.of(64, List.of(1_000_000L));

        @Override
        public EvaluationOutcome evaluate(String source) throws InterruptedException {
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
            return new EvaluationOutcome.Measured(T, T, 1.0, 1.0, null);
        }

        @Override
        public void close() {
        }
    }
}
