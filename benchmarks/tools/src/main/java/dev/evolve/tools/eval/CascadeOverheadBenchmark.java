package dev.evolve.tools.eval;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.cascade.Evaluation;
import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.eval.worker.WorkerStartTiming;
import dev.evolve.eval.statics.StaticCheck;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Measures what the cascade costs around the work itself, on matmul with a warm pool, and prints:
 * the median time per candidate of the stages before timing (static check when available,
 * waiting for a worker, compile, the class-file check, correctness), the time to replace a killed worker
 * (kill to a fresh worker ready), the engine's own overhead per candidate against the total, and what
 * the OS sandbox adds to a worker start: worker starts with and without bubblewrap (interleaved), and
 * the sandbox alone around {@code /bin/true}.
 *
 * <p>Run (after {@code mvn -pl engine -am package -DskipTests}, which builds the shaded jar):
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine/target/evolve.jar \
 *     dev.evolve.eval.cascade.CascadeOverheadBenchmark [candidates=30] [timingSize=128] [replacements=3]
 * </pre>
 * Any class path holding {@code evaluators} and its dependencies works the same way. The
 * candidates are the seed with harmless text changes (a comment and a renamed local), so each is
 * distinct and correct. Targets: pre-timing median under 300 ms, replacement under 1 s, overhead
 * under 5% of the total, the sandbox under 30 ms per worker start.
 */
public final class CascadeOverheadBenchmark {

    private static final String STATIC_CHECK_CLASS = "dev.evolve.eval.statics.JavaParserStaticCheck";

    private CascadeOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int candidates = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int timingSize = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int replacementsWanted = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        var target = new MatmulTarget(timingSize);
        var config = CascadeConfig.defaults();
        StaticCheck staticCheck = staticCheck();
        boolean realStatic = !(staticCheck instanceof NoStaticCheck);

        System.out.printf(Locale.ROOT, "cascade overhead on matmul (timing n=%d), %d workers, %d candidates, "
                        + "static check: %s, %d processors%n", timingSize, config.workers(), candidates,
                realStatic ? STATIC_CHECK_CLASS : "none (not on the class path)",
                Runtime.getRuntime().availableProcessors());

        var launch = WorkerLaunch.fromThisJvm(config.heapMiB(), config.processors());
        long startNs = System.nanoTime();
        try (var pool = LocalWorkerPool.start(launch, config.workers(), config.candidatesPerWorker());
             var cascade = Cascade.using(pool, BenchLane.machineWide(), target, config, staticCheck, null)) {
            if (!pool.awaitAllIdle(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the pool did not start");
            }
            System.out.printf(Locale.ROOT, "pool of %d started and warm in %.0f ms%n", pool.size(),
                    (System.nanoTime() - startNs) / 1e6);
            var seed = cascade.seedTiming();
            System.out.printf(Locale.ROOT, "seed: median %.3f ms over %d samples%n",
                    seed.medianNs() / 1e6, seed.samplesNs().size());

            for (int i = 0; i < 3; i++) { // warm the workers' javac and the engine's code paths
                cascade.evaluateDetailed(variant(target, -1 - i));
            }
            List<Evaluation> runs = new ArrayList<>();
            for (int i = 0; i < candidates; i++) {
                Evaluation e = cascade.evaluateDetailed(variant(target, i));
                if (!(e.outcome() instanceof EvaluationOutcome.Measured)) {
                    throw new IllegalStateException("variant " + i + " did not measure: " + e.outcome().detail());
                }
                runs.add(e);
            }
            report(runs);

            var killer = Cascade.using(pool, BenchLane.machineWide(), target,
                    config.withLimits(config.compileLimit(), Duration.ofMillis(500), config.timingLimit()),
                    (t, s) -> List.of(), null);
            List<Duration> replacements = new ArrayList<>();
            for (int i = 0; i < replacementsWanted; i++) {
                int before = pool.replacementTimes().size();
                var outcome = killer.evaluate(EvolveBlock.of(target.seedSource()).orElseThrow().withBody("""
                            @Override
                            public void multiply(double[] a, double[] b, double[] c, int n) {
                                while (true) { }
                            }
                        """));
                if (!(outcome instanceof EvaluationOutcome.TimedOut)) {
                    throw new IllegalStateException("the endless candidate did not time out: " + outcome.detail());
                }
                pool.awaitAllIdle(Duration.ofMinutes(1));
                var times = pool.replacementTimes();
                if (times.size() > before) {
                    replacements.add(times.getLast());
                }
            }
            System.out.printf(Locale.ROOT, "worker replacement (SIGKILL -> fresh worker ready, javac warm): "
                            + "median %.0f ms, max %.0f ms over %d%n",
                    median(replacements, Duration::toNanos) / 1e6,
                    replacements.stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e6,
                    replacements.size());
        }
        sandboxCost(launch, Math.max(3, replacementsWanted * 2));
    }

    /** Worker starts with and without bubblewrap, interleaved, and bubblewrap alone around /bin/true. */
    private static void sandboxCost(WorkerLaunch launch, int runs) throws Exception {
        var probe = SandboxPolicy.probe();
        if (probe.bubblewrap().isEmpty()) {
            System.out.println("worker start with bubblewrap: not measured (" + probe.message() + ")");
            return;
        }
        WorkerLaunch plain = launch.withSandbox(Sandbox.none());
        WorkerLaunch boxed = launch.withSandbox(probe.bubblewrap().get());
        WorkerStartTiming.startOnce(plain);     // trains the AOT cache (when the class path is all jars) and warms the disk
        WorkerStartTiming.startOnce(boxed);
        List<Duration> without = new ArrayList<>();
        List<Duration> with = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            without.add(WorkerStartTiming.startOnce(plain));
            with.add(WorkerStartTiming.startOnce(boxed));
        }
        double a = median(without, Duration::toNanos) / 1e6;
        double b = median(with, Duration::toNanos) / 1e6;
        System.out.printf(Locale.ROOT, "worker start (process -> ready, javac warm), median of %d: without sandbox "
                + "%.0f ms, with bubblewrap %.0f ms (%+.0f ms)%n", runs, a, b, b - a);
        List<Duration> bare = new ArrayList<>();
        List<Duration> sandboxed = new ArrayList<>();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("evolve-sandbox-bench-");
        try {
            var confinement = dev.evolve.eval.sandbox.Confinement.of(dir);
            for (int i = 0; i < 20; i++) {
                bare.add(timeProcess(List.of("/bin/true"), dir));
                sandboxed.add(timeProcess(probe.bubblewrap().get().wrap(List.of("/bin/true"), confinement), dir));
            }
        } finally {
            dev.evolve.eval.Folders.deleteQuietly(dir);
        }
        double t = median(bare, Duration::toNanos) / 1e6;
        double s = median(sandboxed, Duration::toNanos) / 1e6;
        System.out.printf(Locale.ROOT, "the sandbox alone (bwrap + prlimit + env around /bin/true), median of 20: "
                + "%.1f ms against %.1f ms for /bin/true (%+.1f ms per process start)%n", s, t, s - t);
    }

    private static Duration timeProcess(List<String> command, java.nio.file.Path dir) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command + " exited with " + p.exitValue());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void report(List<Evaluation> runs) {
        double pre = median(runs, e -> e.preTiming().toNanos()) / 1e6;
        double stat = median(runs, e -> e.stage(Evaluation.Stage.STATIC).toNanos()) / 1e6;
        double acquire = median(runs, e -> e.stage(Evaluation.Stage.ACQUIRE).toNanos()) / 1e6;
        double compile = median(runs, e -> e.stage(Evaluation.Stage.COMPILE).toNanos()) / 1e6;
        double check = median(runs, e -> e.stage(Evaluation.Stage.CHECK).toNanos()) / 1e6;
        double classFiles = median(runs, e -> e.stage(Evaluation.Stage.BYTECODE).toNanos()) / 1e6;
        double classFilesMax = runs.stream().mapToLong(e -> e.stage(Evaluation.Stage.BYTECODE).toNanos()).max().orElse(0) / 1e6;
        double timing = median(runs, e -> e.stage(Evaluation.Stage.TIMING).toNanos()) / 1e6;
        double verify = median(runs, e -> e.stage(Evaluation.Stage.VERIFY).toNanos()) / 1e6;
        double total = median(runs, e -> e.total().toNanos()) / 1e6;
        double overhead = median(runs, e -> e.engineOverhead().toNanos()) / 1e6;
        double laneWait = median(runs, e -> e.stage(Evaluation.Stage.BENCH_LANE).toNanos()) / 1e6;
        // the share is of the evaluation's own time: waiting for another process's timing is not ours
        double overheadShare = median(runs, e -> (long) (1e6 * e.engineOverhead().toNanos()
                / Math.max(1, e.total().minus(e.stage(Evaluation.Stage.BENCH_LANE)).toNanos()))) / 1e4;
        System.out.printf(Locale.ROOT, "pre-timing per candidate: median %.1f ms (static %.1f, acquire %.1f, "
                + "compile %.1f, class-file check %.2f, check %.1f)%n", pre, stat, acquire, compile, classFiles, check);
        System.out.printf(Locale.ROOT, "class-file check (bytecode allowlist) per candidate: median %.2f ms, max %.2f ms "
                + "(target: under 20 ms)%n", classFiles, classFilesMax);
        System.out.printf(Locale.ROOT, "timing stage: median %.1f ms; the engine verifying timed outputs: median "
                + "%.1f ms; bench lane wait: median %.1f ms; total per candidate: median %.1f ms%n", timing, verify,
                laneWait, total);
        System.out.printf(Locale.ROOT, "engine share of each worker stage (wall less the worker's own time): "
                        + "compile %.2f ms, check %.2f ms, timing %.2f ms%n",
                median(runs, e -> e.overheadOf(Evaluation.Stage.COMPILE).toNanos()) / 1e6,
                median(runs, e -> e.overheadOf(Evaluation.Stage.CHECK).toNanos()) / 1e6,
                median(runs, e -> e.overheadOf(Evaluation.Stage.TIMING).toNanos()) / 1e6);
        System.out.printf(Locale.ROOT, "engine overhead per candidate: median %.2f ms = %.2f%% of the total less lane wait "
                + "(protocol, process bookkeeping, waiting for a worker)%n", overhead, overheadShare);
    }

    private static <T> double median(List<T> xs, Function<T, Long> value) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        long[] s = xs.stream().mapToLong(value::apply).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /** The seed with a distinct comment and local name: same code, distinct text. */
    static String variant(MatmulTarget target, int i) {
        String seed = target.seedSource();
        var block = EvolveBlock.of(seed).orElseThrow();
        String body = block.body().replace("double sum", "double sum" + Math.abs(i))
                .replace("sum +=", "sum" + Math.abs(i) + " +=")
                .replace("= sum;", "= sum" + Math.abs(i) + ";");
        return block.withBody("    // variant " + i + "\n" + body);
    }

    private static StaticCheck staticCheck() {
        try {
            return (StaticCheck) Class.forName(STATIC_CHECK_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new NoStaticCheck();
        }
    }

    private static final class NoStaticCheck implements StaticCheck {
        @Override
        public List<String> violations(dev.evolve.kernels.KernelTarget target, String source) {
            return List.of();
        }
    }
}
