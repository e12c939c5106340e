package dev.evolve.eval.aparapi;

import dev.evolve.eval.ScreeningEvaluator;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.Timing;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.cascade.BenchLane;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.cascade.Evaluation;
import dev.evolve.eval.opencl.OpenClWorkers;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.kernels.aparapi.AparapiTarget;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Judges Aparapi kernels on an OpenCL device: the Java cascade (static check, javac, correctness
 * at every check size, timing, each stage in a worker JVM under a deadline) over
 * {@link OpenCLKernelTarget}, whose problems refuse a result that Aparapi computed on the Java
 * thread pool.
 *
 * <pre>{@code
 * try (var evaluator = AparapiEvaluator.create(new MatmulAparapiTarget(), AparapiEvaluator.defaults())) {
 *     EvaluationOutcome outcome = evaluator.evaluate(source);
 * }
 * }</pre>
 *
 * <p><b>Outcomes.</b> A kernel that ran on an OpenCL device and matched the reference is
 * {@code measured}, with GFLOP/s and the speedup over the seed, timed the same way. A kernel that
 * Aparapi ran elsewhere (it could not translate {@code run()}: an object, a virtual call, recursion,
 * doubles on a device without fp64, ...) is {@code rejected} with "fell back to the Java thread
 * pool: " and the reason Aparapi logged: like a static check, Aparapi's translation refused the
 * program, so the mutator gets that reason back, and nothing computed on the fallback is checked
 * or timed. (A {@code crash} would suggest the kernel threw; a new outcome type would ripple
 * through every consumer of the sealed {@link EvaluationOutcome}.) A kernel that runs past a
 * stage's deadline is killed with its worker and {@code timeout}.
 *
 * <p><b>Timing.</b> Wall-clock time of the whole host call (bind the arrays, {@code execute},
 * Aparapi's transfers to and from the device) after a warm-up, on rotating fresh inputs with every
 * output verified: what a Java caller pays per call, measured by the same code as every Java
 * target, and independent of Aparapi's profiling switches. Aparapi's own
 * {@code getExecutionTime()} covers the same span; at n = 512 the two agreed within 0.1 %.
 */
public final class AparapiEvaluator implements ScreeningEvaluator {

    /** How a fallback reaches the engine: the worker's crash message, the exception's class first. */
    private static final String FALLBACK = NotOnOpenCLException.class.getName() + ": ";
    /** A driver's build error line, e.g. {@code error: /tmp/x.cl:21:7: use of undeclared identifier 'String'}. */
    private static final Pattern BUILD_ERROR = Pattern.compile("(?m)^error: (?:\\S+?\\.cl:\\d+:\\d+(?: <[^>]*>)?: )?(.+)$");
    private static final int MAX_BUILD_ERRORS = 5;

    private final AparapiTarget target;
    private final LocalWorkerPool pool;
    private final Cascade cascade;
    private volatile boolean settled;

    private AparapiEvaluator(AparapiTarget target, LocalWorkerPool pool, Cascade cascade) {
        this.target = target;
        this.pool = pool;
        this.cascade = cascade;
    }

    /**
     * Starts {@code config.workers()} worker JVMs (in the background) with the OpenCL driver's
     * environment ({@link OpenClWorkers#environment}: driver variables, PoCL's kernel cache); JMH settings of {@code config} are ignored.
     *
     * @throws IllegalArgumentException when the target has no OpenCL adapter
     */
    public static AparapiEvaluator create(AparapiTarget target, CascadeConfig config) {
        return create(target, config, BenchLane.machineWide());
    }

    /** {@link #create(AparapiTarget, CascadeConfig)} timing in {@code lane} (tests use a lane of their own). */
    public static AparapiEvaluator create(AparapiTarget target, CascadeConfig config, BenchLane lane) {
        Objects.requireNonNull(target, "target");
        var onDevice = OpenCLKernelTarget.of(target);
        CascadeConfig c = config.withJmh(false, false);
        WorkerLaunch plain = WorkerLaunch.fromThisJvm(c.heapMiB(), c.processors());
        // Aparapi loads its JNI library: native access for the unnamed module, which on the class path
        // is everything, the candidate's kernel classes included (Unsafe memory access stays denied)
        WorkerLaunch launch = new WorkerLaunch(plain.javaExecutable(), plain.classPath(), plain.heapMiB(),
                plain.processors(), OpenClWorkers.environment(OpenClWorkers.defaultCacheDir()),
                plain.tempRoot(), List.of("--enable-native-access=ALL-UNNAMED"), plain.useAotCache());
        var pool = LocalWorkerPool.start(launch, c.workers(), c.candidatesPerWorker());
        var cascade = Cascade.using(pool, lane, onDevice, c, new AparapiStaticCheck(), null);
        return new AparapiEvaluator(target, pool, cascade);
    }

    /** {@link CascadeConfig#defaults()} made fit for OpenCL workers by {@link #forOpenCL}. */
    public static CascadeConfig defaults() {
        return forOpenCL(CascadeConfig.defaults());
    }

    /**
     * {@code config} with room for what OpenCL adds: at least 30 s to compile (the first candidate
     * of a worker also starts Aparapi and the driver), 20 s to check (Aparapi translates the kernel
     * and the driver builds it on the first run), 60 s to time; a fresh worker every 25 candidates
     * at most (each candidate's kernel keeps native driver resources); a warm-up of at least three
     * runs, however long the first takes (a driver may build the kernel again on its first launch
     * at the timing size: PoCL keeps one binary per work-group size and class of grid); no JMH (its
     * forks time Java code, not a device).
     */
    public static CascadeConfig forOpenCL(CascadeConfig config) {
        TimingPlan p = config.timingPlan();
        return config.withLimits(atLeast(config.compileLimit(), Duration.ofSeconds(30)),
                        atLeast(config.checkLimit(), Duration.ofSeconds(20)),
                        atLeast(config.timingLimit(), Duration.ofSeconds(60)))
                .withTimingPlan(new TimingPlan(Math.max(3, p.warmupRuns()), p.warmupMinMillis(),
                        Math.max(5000, p.warmupMaxMillis()), p.minSamples(), p.maxSamples(), p.maxMillis(), p.problems()))
                .withCandidatesPerWorker(Math.min(config.candidatesPerWorker(), 25))
                .withJmh(false, false);
    }

    private static Duration atLeast(Duration d, Duration floor) {
        return d.compareTo(floor) >= 0 ? d : floor;
    }

    public AparapiTarget target() {
        return target;
    }

    @Override
    public EvaluationOutcome evaluate(String source) throws InterruptedException {
        return evaluateDetailed(source).outcome();
    }

    /** Evaluates one candidate and reports the wall time of each stage that ran (no timing stage after a fallback). */
    public Evaluation evaluateDetailed(String source) throws InterruptedException {
        return settledThen(() -> {
            Evaluation e = cascade.evaluateDetailed(source);
            return new Evaluation(fallbackAsRejection(e.outcome()), e.stages(), e.inWorker(), e.total());
        });
    }

    /** Times an already measured source again (compile, check, timing; no static check). */
    public EvaluationOutcome time(String source) throws InterruptedException {
        return settledThen(() -> fallbackAsRejection(cascade.time(source)));
    }

    /** The seed's timing, measured through the workers on first use and cached. */
    public Timing seedTiming() throws InterruptedException {
        return settledThen(cascade::seedTiming);
    }

    /** Times the seed again; later speedups are relative to this timing. */
    public Timing retimeSeed() throws InterruptedException {
        return settledThen(cascade::retimeSeed);
    }

    /** A call on the cascade. */
    private interface CascadeCall<T> {
        T call() throws InterruptedException;
    }

    /**
     * Runs {@code call} once the workers have {@linkplain #settle settled}; a seed that did not
     * measure is reported {@linkplain #seedFailure without the worker's class names}.
     */
    private <T> T settledThen(CascadeCall<T> call) throws InterruptedException {
        try {
            settle();
            return call.call();
        } catch (IllegalStateException e) {
            throw seedFailure(e);
        }
    }

    /**
     * Waits, once, until every worker has started: the seed is timed first, and a worker JVM
     * starting beside it would take cores from the device (PoCL runs a kernel on all of them).
     */
    private void settle() throws InterruptedException {
        if (!settled) {
            pool.awaitAllIdle(Duration.ofSeconds(120));
            settled = true;
        }
    }

    /** Screens later candidates against {@code reference} (the run's champion); see {@link Cascade#screenAgainst}. */
    public void screenAgainst(Timing reference) {
        cascade.screenAgainst(reference);
    }

    /**
     * A fallback reported by a worker as the outcome it is: refused by Aparapi, never timed. When
     * the driver failed to build the OpenCL C that Aparapi wrote, its errors (from the worker's
     * output) follow Aparapi's reason, which alone says only "OpenCL compile failed".
     */
    static EvaluationOutcome fallbackAsRejection(EvaluationOutcome outcome) {
        if (outcome instanceof Crashed c && c.kind() == Crashed.Kind.EXCEPTION && c.message().startsWith(FALLBACK)) {
            List<String> errors = BUILD_ERROR.matcher(c.output()).results().map(m -> m.group(1).strip())
                    .distinct().limit(MAX_BUILD_ERRORS).toList();
            String reason = c.message().substring(FALLBACK.length());
            return new Rejected(errors.isEmpty() ? reason
                    : reason + " (OpenCL build errors in the translated kernel: " + String.join("; ", errors) + ")");
        }
        return outcome;
    }

    /** The seed did not measure (no OpenCL device, a broken driver): say so without the worker's class names. */
    private static IllegalStateException seedFailure(IllegalStateException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().replace(FALLBACK, "");
        return new IllegalStateException(message, e);
    }

    @Override
    public void close() {
        cascade.close();
        pool.close();
    }
}
