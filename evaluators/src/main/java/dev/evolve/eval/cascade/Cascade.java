package dev.evolve.eval.cascade;

import dev.evolve.eval.Bounded;
import dev.evolve.eval.ScreeningEvaluator;
import dev.evolve.eval.SeedBaseline;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.CompileFailed;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.Jmh;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.EvaluationOutcome.TimedOut;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.bytecode.ClassFileCheck;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.eval.jmh.JmhConfirmation;
import dev.evolve.eval.statics.StaticCheck;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.eval.worker.WorkerLease;
import dev.evolve.eval.worker.WorkerPool;
import dev.evolve.eval.worker.WorkerReply;
import dev.evolve.eval.worker.WorkerRequest;
import dev.evolve.eval.worker.WorkerResponse;
import dev.evolve.kernels.KernelTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The evaluation cascade for one target, cheapest stage first, stopping at the first failure:
 * static check (engine) -> compile (worker) -> class-file check (engine) -> correctness at every
 * check size and one random size above them on fresh inputs (worker) -> bench lane -> timing (same
 * worker, class kept loaded, fresh inputs every call) -> the engine verifying copies of timed outputs
 * it picks -> optional JMH confirmation. Candidate code runs only in worker processes.
 *
 * <pre>{@code
 * try (Cascade cascade = Cascade.create(target, CascadeConfig.defaults(), staticCheck, null)) {
 *     EvaluationOutcome outcome = cascade.evaluate(source);
 * }
 * }</pre>
 *
 * <p>The seed is timed through the same path (like for like), once, lazily, before the first
 * measured candidate; {@link #retimeSeed()} refreshes it. Thread-safe: callers may evaluate at
 * once; the pool size bounds how many candidates compile and check in parallel, and the bench
 * lane lets one time at a time.
 *
 * <p>Containment: there is no Security Manager on JDK 24+, so nothing inside a JVM can stop a
 * candidate. The walls are the worker process (SIGKILL at each stage's deadline, heap and
 * processor caps, a cleared environment, a private directory) and, before any class of the
 * candidate is defined anywhere, the class-file check ({@link ClassFileCheck}, against
 * {@link StaticCheck#allowlist}): the worker's compilation runs no candidate code and returns the
 * class bytes, the engine checks them, and only then does the worker load those same bytes (it
 * keeps what it returned); JMH confirmation writes the same checked bytes. It runs for every
 * source, the seed and re-timed champions included, whatever the static check. The static check
 * (bounded in length and nesting, on a thread of its own with a deadline, any throwable a
 * rejection) is the fast first pass with friendly messages.
 */
public final class Cascade implements ScreeningEvaluator {

    /** How a class-file rejection begins: its reasons name the member and where the code calls it. */
    static final String NOT_ALLOWED = "not allowed in a kernel: ";

    private final KernelTarget target;
    private final CascadeConfig config;
    private final StaticCheck staticCheck;
    private final ClassFileCheck classFileCheck;
    private final JmhConfirmation jmh;
    private final WorkerPool pool;
    private final boolean ownsPool;
    private final BenchLane lane;
    private final TimedOutputCheck outputCheck;
    private final SeedBaseline<Baseline> seed = new SeedBaseline<>(this::measureSeed);
    private volatile Timing reference;

    /** The seed's timing (and JMH score when JMH timing is on). */
    private record Baseline(Timing timing, Jmh jmh) {
    }

    private Cascade(KernelTarget target, CascadeConfig config, StaticCheck staticCheck, JmhConfirmation jmh,
                    WorkerPool pool, boolean ownsPool, BenchLane lane) {
        this.target = Objects.requireNonNull(target, "target");
        this.config = Objects.requireNonNull(config, "config");
        this.staticCheck = Objects.requireNonNull(staticCheck, "staticCheck");
        this.classFileCheck = new ClassFileCheck(staticCheck.allowlist(target));
        this.jmh = jmh;
        this.pool = Objects.requireNonNull(pool, "pool");
        this.ownsPool = ownsPool;
        this.lane = Objects.requireNonNull(lane, "lane");
        this.outputCheck = new TimedOutputCheck(target, WorkerLaunch.fromThisJvm(config.heapMiB(), config.processors()),
                config.timingLimit());
    }

    /**
     * A cascade with its own local worker pool (started now, in the background) and the machine's
     * bench lane.
     *
     * @param jmhOrNull JMH confirmation, or null to never confirm
     */
    public static Cascade create(KernelTarget target, CascadeConfig config, StaticCheck staticCheck,
                                 JmhConfirmation jmhOrNull) {
        var launch = WorkerLaunch.fromThisJvm(config.heapMiB(), config.processors());
        var pool = LocalWorkerPool.start(launch, config.workers(), config.candidatesPerWorker());
        return new Cascade(target, config, staticCheck, jmhOrNull, pool, true, BenchLane.machineWide());
    }

    /**
     * A cascade on a pool the caller owns (and closes); {@code config.workers()}, heap and
     * processors are the pool's business then.
     */
    public static Cascade using(WorkerPool pool, BenchLane lane, KernelTarget target, CascadeConfig config,
                                StaticCheck staticCheck, JmhConfirmation jmhOrNull) {
        return new Cascade(target, config, staticCheck, jmhOrNull, pool, false, lane);
    }

    public KernelTarget target() {
        return target;
    }

    public CascadeConfig config() {
        return config;
    }

    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        return evaluateDetailed(source).outcome();
    }

    /** Evaluates one candidate and reports the wall time of each stage. */
    public Evaluation evaluateDetailed(String source) throws InterruptedException {
        Objects.requireNonNull(source, "source");
        Baseline baseline = baseline(); // before the clock: the first evaluation does not pay for the seed
        return run(source, true, true, baseline);
    }

    /** Re-times an already measured source (champion re-timing): compile, check, timing; no static check, no JMH. */
    public EvaluationOutcome time(String source) throws InterruptedException {
        Objects.requireNonNull(source, "source");
        return run(source, false, false, baseline()).outcome();
    }

    /** The seed's timing, measured through the workers on first use and cached. */
    public Timing seedTiming() throws InterruptedException {
        return baseline().timing();
    }

    /** Times the seed again (like a candidate) and keeps the new timing for later speedups. */
    public Timing retimeSeed() throws InterruptedException {
        return seed.remeasure().timing();
    }

    private Baseline baseline() throws InterruptedException {
        return seed.get();
    }

    private Baseline measureSeed() throws InterruptedException {
        boolean withJmh = config.jmhTiming() && jmh != null;
        Evaluation e = run(target.seedSource(), false, withJmh, null);
        if (!(e.outcome() instanceof Measured m)) {
            throw new IllegalStateException("the seed of " + target.name() + " did not measure: "
                    + e.outcome().status() + ": " + e.outcome().detail());
        }
        return new Baseline(m.timing(), m.jmh());
    }

    /**
     * Screens later candidates against {@code reference} (for example the run's champion): one
     * whose runs take over {@code slowCutoff} times the faster of the seed and the reference is
     * timed with a few samples only. Null goes back to the seed alone.
     */
    public void screenAgainst(Timing reference) {
        this.reference = reference;
    }

    private long cutoffNs(Baseline baseline) {
        if (baseline == null || config.slowCutoff() == 0) {
            return 0;
        }
        long base = baseline.timing().medianNs();
        Timing ref = reference;
        if (ref != null && ref.size() == baseline.timing().size()) {
            base = Math.min(base, ref.medianNs());
        }
        return (long) Math.min(Long.MAX_VALUE / 2.0, base * config.slowCutoff());
    }

    /**
     * The cascade proper. With {@code baseline == null} the source is the seed itself: no slow
     * cut-off and it is its own reference (speedup 1).
     */
    private Evaluation run(String source, boolean staticStage, boolean jmhStage, Baseline baseline)
            throws InterruptedException {
        var stages = new EnumMap<Evaluation.Stage, Duration>(Evaluation.Stage.class);
        var clock = new Clock();
        var inWorker = new EnumMap<Evaluation.Stage, Duration>(Evaluation.Stage.class);

        if (staticStage) {
            // source text that breaks the checker is the variant's doing: refuse it, do not throw
            List<String> violations = GuardedStaticCheck.violations(staticCheck, target, source, GuardedStaticCheck.LIMIT);
            stages.put(Evaluation.Stage.STATIC, clock.lap());
            if (!violations.isEmpty()) {
                return done(new Rejected(String.join("; ", violations)), stages, inWorker, clock);
            }
        }
        boolean wantClasses = jmhStage && jmh != null && (config.jmhConfirm() || baseline == null);
        Map<String, byte[]> classes;
        Timing timing;
        try (WorkerLease worker = pool.acquire()) {
            stages.put(Evaluation.Stage.ACQUIRE, clock.lap());

            WorkerResponse compiled;
            try (BenchLane.Shared shared = config.exclusiveTiming() ? lane.shared() : null) {
                // always with the class bytes: the engine checks them before the worker loads them
                compiled = worker.call(WorkerRequest.compile(target, source, true), config.compileLimit());
            }
            stages.put(Evaluation.Stage.COMPILE, clock.lap());
            inWorker.put(Evaluation.Stage.COMPILE, workerTime(compiled));
            EvaluationOutcome failed = failure(compiled, "compile", config.compileLimit());
            if (failed != null) {
                return done(failed, stages, inWorker, clock);
            }
            classes = ((WorkerResponse.Replied) compiled).reply().classes();
            List<String> walled = classFileViolations(classes);
            stages.put(Evaluation.Stage.BYTECODE, clock.lap());
            if (!walled.isEmpty()) {
                return done(new Rejected(NOT_ALLOWED + String.join("; ", walled)), stages, inWorker, clock);
            }

            long seedForInputs = ThreadLocalRandom.current().nextLong();
            WorkerResponse checked;
            try (BenchLane.Shared shared = config.exclusiveTiming() ? lane.shared() : null) {
                checked = worker.call(WorkerRequest.check(CheckSizes.withRandomExtra(target, ThreadLocalRandom.current()),
                        seedForInputs), config.checkLimit());
            }
            stages.put(Evaluation.Stage.CHECK, clock.lap());
            inWorker.put(Evaluation.Stage.CHECK, workerTime(checked));
            failed = failure(checked, "check", config.checkLimit());
            if (failed != null) {
                return done(failed, stages, inWorker, clock);
            }

            long cutoff = cutoffNs(baseline);
            try (BenchLane.Permit permit = config.exclusiveTiming() ? lane.enterExclusive() : lane.enter()) {
                stages.put(Evaluation.Stage.BENCH_LANE, clock.lap());
                long timingSeed = ThreadLocalRandom.current().nextLong();
                var timed = worker.call(WorkerRequest.time(target.timingSize(), timingSeed,
                        config.timingPlan(), cutoff), config.timingLimit());
                stages.put(Evaluation.Stage.TIMING, clock.lap());
                inWorker.put(Evaluation.Stage.TIMING, workerTime(timed));
                failed = failure(timed, "timing", config.timingLimit());
                if (failed != null) {
                    return done(failed, stages, inWorker, clock);
                }
                WorkerReply reply = ((WorkerResponse.Replied) timed).reply();
                // the worker's word so far: the engine checks outputs of samples it picks now
                failed = outputCheck.verify(worker, reply, timingSeed);
                stages.put(Evaluation.Stage.VERIFY, clock.lap());
                if (failed != null) {
                    return done(failed, stages, inWorker, clock);
                }
                timing = Timing.of(reply.size(), reply.samplesNs());
                worker.close(); // JMH runs in its own fork: free the worker for the next candidate
                Jmh score = null;
                if (wantClasses) {
                    try {
                        score = confirm(classes);
                    } catch (JmhConfirmation.JmhException e) {
                        stages.put(Evaluation.Stage.JMH, clock.lap());
                        return done(new Crashed(Crashed.Kind.EXCEPTION, "JMH confirmation failed: " + e.getMessage(),
                                "", ""), stages, inWorker, clock);
                    }
                    stages.put(Evaluation.Stage.JMH, clock.lap());
                }
                return done(measured(timing, score, baseline), stages, inWorker, clock);
            }
        }
    }

    /**
     * JMH figures of an already measured source with {@code confirmation}, holding this machine's
     * bench lane exclusively so that no screening timing runs beside it. The source is compiled
     * here: javac runs no candidate code.
     *
     * @throws JmhConfirmation.JmhException when it does not compile or JMH produces no score
     */
    public Jmh jmh(String source, JmhConfirmation confirmation) throws InterruptedException {
        InMemoryCompiler.Result result;
        try (var compiler = new InMemoryCompiler()) {
            result = compiler.compile(target.className(), source);
        }
        if (!(result instanceof InMemoryCompiler.Result.Compiled compiled)) {
            throw new JmhConfirmation.JmhException("the source does not compile: " + result);
        }
        List<String> walled = classFileViolations(compiled.classes());
        if (!walled.isEmpty()) {
            throw new JmhConfirmation.JmhException(NOT_ALLOWED + String.join("; ", walled));
        }
        try (BenchLane.Permit permit = lane.enterExclusive()) {
            return confirm(compiled.classes(), confirmation);
        }
    }

    /** The class-file check's reasons; reading bytes that break it is a reason too, never an exception. */
    private List<String> classFileViolations(Map<String, byte[]> classes) {
        try {
            return classFileCheck.violations(classes);
        } catch (Throwable e) {
            return List.of("the class files could not be checked: " + Bounded.describe(e, Bounded.MESSAGE_CHARS / 4));
        }
    }

    private Jmh confirm(Map<String, byte[]> classes) throws InterruptedException {
        return confirm(classes, jmh);
    }

    private Jmh confirm(Map<String, byte[]> classes, JmhConfirmation confirmation) throws InterruptedException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("evolve-jmh-");
            new InMemoryCompiler.Result.Compiled(target.className(), classes).writeTo(dir);
            return confirmation.confirm(target, dir, target.className());
        } catch (IOException e) {
            throw new JmhConfirmation.JmhException("cannot write the class files: " + e.getMessage());
        } finally {
            dev.evolve.eval.Folders.deleteQuietly(dir);
        }
    }

    private Measured measured(Timing timing, Jmh score, Baseline baseline) {
        Timing seedTiming = baseline == null ? timing : baseline.timing();
        double medianNs = timing.medianNs();
        double seedNs = seedTiming.medianNs();
        if (config.jmhTiming() && score != null) {
            medianNs = score.scoreMs() * 1e6;
            Jmh seedJmh = baseline == null ? score : baseline.jmh();
            if (seedJmh != null) {
                seedNs = seedJmh.scoreMs() * 1e6;
            }
        }
        double gflops = target.flops(timing.size()) / medianNs;
        return new Measured(timing, seedTiming, gflops, seedNs / medianNs, score);
    }

    private static Duration workerTime(WorkerResponse r) {
        return Duration.ofNanos(r instanceof WorkerResponse.Replied replied ? replied.reply().workerNanos() : 0);
    }

    /** The outcome that ends the cascade at this response, or null to go on. */
    private static EvaluationOutcome failure(WorkerResponse response, String phase, Duration limit) {
        return switch (response) {
            case WorkerResponse.Overran o -> new TimedOut(phase, o.limit());
            case WorkerResponse.Died d -> new Crashed(Crashed.Kind.EXIT, "the worker process ended with exit code "
                    + d.exitCode() + " during " + phase + (d.reason().isEmpty() ? "" : " (" + d.reason() + ")"),
                    "", d.output());
            case WorkerResponse.Replied r -> {
                WorkerReply reply = r.reply();
                yield switch (reply.kind()) {
                    case COMPILED, PASSED, TIMED -> null;
                    case COMPILE_FAILED -> new CompileFailed(reply.diagnostics());
                    case INCORRECT -> new Incorrect(reply.mismatch(), phase);
                    case CRASHED -> new Crashed(reply.crash(), reply.message(), reply.stackTrace(), r.output());
                    case READY, ERROR, SCORED, INVALID, OUTPUTS -> throw new IllegalStateException(
                            "worker protocol error during " + phase + ": " + reply.kind() + " " + reply.message());
                };
            }
        };
    }

    private static Evaluation done(EvaluationOutcome outcome, Map<Evaluation.Stage, Duration> stages,
                                   Map<Evaluation.Stage, Duration> inWorker, Clock clock) {
        return new Evaluation(outcome, stages, inWorker, clock.total());
    }

    @Override
    public void close() {
        outputCheck.close();
        if (ownsPool) {
            pool.close();
        }
    }

    /** Stage laps and the total since construction. */
    private static final class Clock {
        private final long start = System.nanoTime();
        private long last = start;

        Duration lap() {
            long now = System.nanoTime();
            Duration d = Duration.ofNanos(now - last);
            last = now;
            return d;
        }

        Duration total() {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }
}
