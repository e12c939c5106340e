package dev.evolve.eval.opencl;

import dev.evolve.eval.ScreeningEvaluator;
import dev.evolve.eval.SeedBaseline;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.CompileFailed;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.EvaluationOutcome.TimedOut;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.WorkerLease;
import dev.evolve.eval.worker.WorkerPool;
import dev.evolve.eval.worker.WorkerReply;
import dev.evolve.eval.worker.WorkerRequest;
import dev.evolve.eval.worker.WorkerResponse;
import dev.evolve.kernels.opencl.OpenClTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Evaluates OpenCL C variants of one target on one device, cheapest stage first: static check
 * (engine) -> build (worker) -> correctness at every check size (worker) -> timing with profiling
 * events (worker, one timed candidate per machine). Kernels run only in worker processes, which
 * are killed with SIGKILL at each stage's deadline and replaced: a kernel that never ends comes
 * back as {@link TimedOut} after the check limit (plus the kill), and the next candidate gets a
 * fresh worker.
 *
 * <pre>{@code
 * try (var eval = OpenClEvaluator.create(target, device, AcceleratorConfig.defaults(), OpenClWorkers.defaultCacheDir())) {
 *     EvaluationOutcome o = eval.evaluate(source);
 * }
 * }</pre>
 *
 * <p>The seed is timed through the same path (like for like), once, lazily, before the first
 * measured candidate; {@link #retimeSeed()} refreshes it. Speedups are seed median over candidate
 * median of the kernels' own device times. Thread-safe.
 */
public final class OpenClEvaluator implements ScreeningEvaluator {

    private final OpenClTarget target;
    private final AcceleratorDevice device;
    private final AcceleratorConfig config;
    private final WorkerPool pool;
    private final BenchLane lane;
    private final int timingSize;
    private final SeedBaseline<Timing> seed = new SeedBaseline<>(this::measureSeed);
    private volatile Timing reference;

    private OpenClEvaluator(OpenClTarget target, AcceleratorDevice device, AcceleratorConfig config, WorkerPool pool,
                            BenchLane lane) {
        this.target = Objects.requireNonNull(target, "target");
        this.device = Objects.requireNonNull(device, "device");
        this.config = Objects.requireNonNull(config, "config");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.lane = Objects.requireNonNull(lane, "lane");
        this.timingSize = config.timingSize() == 0 ? target.timingSize() : config.timingSize();
    }

    /**
     * An evaluator with its own pool of OpenCL workers on {@code device} (started now, in the
     * background) and the machine's bench lane.
     *
     * @param cacheDir PoCL's kernel cache folder (created if missing)
     */
    public static OpenClEvaluator create(OpenClTarget target, AcceleratorDevice device, AcceleratorConfig config,
                                         Path cacheDir) {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the OpenCL kernel cache " + cacheDir, e);
        }
        var pool = LocalWorkerPool.start(OpenClWorkers.launch(device, config.heapMiB(), cacheDir), config.workers(),
                config.candidatesPerWorker());
        return new OpenClEvaluator(target, device, config, pool, BenchLane.machineWide());
    }

    public OpenClTarget target() {
        return target;
    }

    public AcceleratorDevice device() {
        return device;
    }

    /** The size variants are timed at. */
    public int timingSize() {
        return timingSize;
    }

    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        Objects.requireNonNull(source, "source");
        if (source.equals(target.seedSource())) {
            // the seed itself, before any baseline: its timing is the baseline (a naive kernel at the
            // timing size can take seconds per launch; time it once, not twice)
            EvaluationOutcome first = seed.firstFrom(() -> run(source, true, null),
                    o -> o instanceof Measured m ? m.timing() : null);
            if (first != null) {
                return first;
            }
        }
        return run(source, true, baseline());
    }

    /** Times an already measured source again (champion re-timing): build, check, timing; no static check. */
    public EvaluationOutcome time(String source) throws InterruptedException {
        Objects.requireNonNull(source, "source");
        return run(source, false, baseline());
    }

    /** The seed's timing, measured through the workers on first use and kept. */
    public Timing seedTiming() throws InterruptedException {
        return baseline();
    }

    /** Times the seed again and keeps the new timing for later speedups. */
    public Timing retimeSeed() throws InterruptedException {
        return seed.remeasure();
    }

    /**
     * Screens later candidates against {@code reference} (the run's champion, say): one whose
     * launches take over the slow cut-off times the faster of seed and reference gets a short
     * screen. Null goes back to the seed alone.
     */
    public void screenAgainst(Timing reference) {
        this.reference = reference;
    }

    private Timing baseline() throws InterruptedException {
        return seed.get();
    }

    private Timing measureSeed() throws InterruptedException {
        EvaluationOutcome o = run(target.seedSource(), false, null);
        if (!(o instanceof Measured m)) {
            throw new IllegalStateException("the seed of " + target.name() + " did not measure on " + device.id() + " ("
                    + device.name() + "): " + o.status() + ": " + o.detail());
        }
        return m.timing();
    }

    private long cutoffNs(Timing baseline) {
        if (baseline == null || config.slowCutoff() == 0) {
            return 0;
        }
        long base = baseline.medianNs();
        Timing ref = reference;
        if (ref != null && ref.size() == baseline.size()) {
            base = Math.min(base, ref.medianNs());
        }
        return (long) Math.min(Long.MAX_VALUE / 2.0, base * config.slowCutoff());
    }

    /** The stages; with {@code baseline == null} the source is the seed, its own reference. */
    private EvaluationOutcome run(String source, boolean staticStage, Timing baseline) throws InterruptedException {
        if (staticStage) {
            List<String> violations;
            try {
                violations = OpenClStaticCheck.violations(target, source);
            } catch (RuntimeException e) {
                violations = List.of("the static check could not analyse the source: " + e);
            }
            if (!violations.isEmpty()) {
                return new Rejected(String.join("; ", violations));
            }
        }
        try (WorkerLease worker = pool.acquire()) {
            WorkerRequest build = new WorkerRequest(WorkerRequest.Stage.COMPILE, target.name(),
                    target.getClass().getName(), target.kernelName(), source, false, List.of(), 0L, null, 0L);
            WorkerResponse built;
            try (BenchLane.Shared shared = lane.shared()) {
                built = worker.call(build, config.compileLimit());
            }
            EvaluationOutcome failed = failure(built, "build", config.compileLimit());
            if (failed != null) {
                return failed;
            }
            WorkerResponse checked;
            try (BenchLane.Shared shared = lane.shared()) {
                checked = worker.call(WorkerRequest.check(target.checkSizes(), ThreadLocalRandom.current().nextLong()),
                        config.checkLimit());
            }
            failed = failure(checked, "check", config.checkLimit());
            if (failed != null) {
                return failed;
            }
            try (BenchLane.Permit permit = lane.enterExclusive()) {
                WorkerResponse timed = worker.call(WorkerRequest.time(timingSize, ThreadLocalRandom.current().nextLong(),
                        config.timingPlan(), cutoffNs(baseline)), config.timingLimit());
                failed = failure(timed, "timing", config.timingLimit());
                if (failed != null) {
                    return failed;
                }
                WorkerReply reply = ((WorkerResponse.Replied) timed).reply();
                Timing timing = Timing.of(reply.size(), reply.samplesNs());
                Timing seedTiming = baseline == null ? timing : baseline;
                double gflops = target.flops(timing.size()) / timing.medianNs();
                return new Measured(timing, seedTiming, gflops, (double) seedTiming.medianNs() / timing.medianNs(), null);
            }
        }
    }

    /** The outcome that ends the evaluation at this response, or null to go on. */
    private EvaluationOutcome failure(WorkerResponse response, String phase, Duration limit) {
        return switch (response) {
            case WorkerResponse.Overran o -> new TimedOut(phase, o.limit());
            case WorkerResponse.Died d -> new Crashed(Crashed.Kind.EXIT, "the worker process ended with exit code "
                    + d.exitCode() + " during " + phase + " on " + device.name()
                    + (d.reason().isEmpty() ? "" : " (" + d.reason() + ")"), "", d.output());
            case WorkerResponse.Replied r -> {
                WorkerReply reply = r.reply();
                yield switch (reply.kind()) {
                    case COMPILED, PASSED, TIMED -> null;
                    case COMPILE_FAILED -> new CompileFailed(reply.diagnostics());
                    case INCORRECT -> new Incorrect(reply.mismatch(), phase);
                    case CRASHED -> new Crashed(reply.crash(), reply.message(), reply.stackTrace(), r.output());
                    case READY, ERROR, SCORED, INVALID, OUTPUTS -> throw new IllegalStateException(
                            "OpenCL worker error during " + phase + ": " + reply.kind() + " " + reply.message());
                };
            }
        };
    }

    @Override
    public void close() {
        pool.close();
    }
}
