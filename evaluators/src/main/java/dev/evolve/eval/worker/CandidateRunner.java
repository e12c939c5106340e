package dev.evolve.eval.worker;

import dev.evolve.eval.Bounded;
import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.compile.BytesClassLoader;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.kernels.InputSnapshot;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.custom.ArrayKernel;
import dev.evolve.kernels.custom.ArrayKernelSpec;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The worker side of the protocol: compiles, loads, checks and times one candidate at a time.
 * Keeps one warm {@link InMemoryCompiler}; each candidate gets a fresh class loader. Runs
 * untrusted code on the calling thread, so it belongs in a worker process only (and in tests
 * with trusted sources).
 */
final class CandidateRunner implements RequestHandler {

    private final InMemoryCompiler compiler = new InMemoryCompiler();
    /** The last custom kernel built from a spec: its reference is compiled once per worker. */
    private ArrayKernelTarget custom;
    private KernelTarget target;
    private String className;
    /** Whether the candidate uses the Vector API: its timing warms up until the run times settle. */
    private boolean usesVectorApi;
    private Map<String, byte[]> classes;
    private Object kernel;
    private BytesClassLoader loader;
    /** The outputs of the last timing's samples, until the engine has asked for the ones it verifies. */
    private KeptOutputs timedOutputs;

    /** Compiles a trivial class so that the first candidate does not pay for a cold javac. */
    @Override
    public void warmUp() {
        compiler.compile("Warm", "final class Warm { int f(int x) { return x * 2; } }");
    }

    @Override
    public WorkerReply handle(WorkerRequest request) {
        long start = System.nanoTime();
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        WorkerReply reply;
        try {
            // threads the candidate starts inherit this loader: that is how strays are recognised
            if (loader != null) {
                self.setContextClassLoader(loader);
            }
            reply = switch (request.stage()) {
                case COMPILE -> compile(request, start);
                case CHECK -> check(request, start);
                case TIME -> time(request, start);
                case OUTPUTS -> outputs(request, start);
                case REFERENCE -> reference(request, start);
                case SCORE -> WorkerReply.error("this worker runs Java candidates; scoring by a plug-in needs "
                        + "the plug-in's handler (" + WorkerMain.HANDLER_PROPERTY + ")");
            };
        } finally {
            self.setContextClassLoader(previous);
        }
        int strays = strayThreads();
        return strays == 0 ? reply : reply.withStrayThreads(strays);
    }

    /** Live threads started by candidate code (their context loader is a candidate's). */
    static int strayThreads() {
        // Thread.enumerate covers the main thread's group and its subgroups (where candidate threads
        // start) without the safepoint and stack walk of Thread.getAllStackTraces
        Thread[] threads = new Thread[Thread.activeCount() + 32];
        int count = Thread.enumerate(threads);
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (threads[i].isAlive() && threads[i].getContextClassLoader() instanceof BytesClassLoader b && b.candidate()) {
                n++;
            }
        }
        return n;
    }

    private WorkerReply compile(WorkerRequest request, long start) {
        timedOutputs = null;
        target = null;
        classes = null;
        kernel = null;
        loader = null;
        try {
            target = request.arrayKernel() != null ? customTarget(request.arrayKernel())
                    : resolveTarget(request.targetName(), request.targetClass());
        } catch (RuntimeException e) {
            return WorkerReply.error("cannot resolve target " + request.targetName() + ": " + e);
        }
        className = request.className();
        usesVectorApi = request.source() != null && request.source().contains("jdk.incubator.vector");
        InMemoryCompiler.Result result;
        try {
            result = compiler.compile(className, request.source());
        } catch (Throwable t) {   // javac's own stack overflow on a source past the engine's bounds: the source's doing
            return WorkerReply.compileFailed(List.of(new CompileDiagnostic(0, 0, "javac failed on the source: "
                    + Bounded.describe(t, Bounded.MESSAGE_CHARS / 4))), System.nanoTime() - start);
        }
        return switch (result) {
            case InMemoryCompiler.Result.Compiled c -> {
                classes = c.classes();
                yield WorkerReply.compiled(request.returnClasses() ? c.classes() : Map.of(), System.nanoTime() - start);
            }
            case InMemoryCompiler.Result.Failed f -> WorkerReply.compileFailed(f.diagnostics(), System.nanoTime() - start);
        };
    }

    /**
     * The custom array kernel of {@code spec}, its trusted reference compiled here and loaded in a
     * loader of its own (the reference is the user's code, not a candidate's).
     */
    private ArrayKernelTarget customTarget(ArrayKernelSpec spec) {
        if (custom != null && custom.spec().equals(spec)) {
            return custom;
        }
        String name = spec.referenceClassName();
        var compiled = switch (compiler.compile(name, spec.referenceSource())) {
            case InMemoryCompiler.Result.Compiled c -> c;
            case InMemoryCompiler.Result.Failed f -> throw new IllegalArgumentException("the reference "
                    + name + " does not compile: " + f.diagnostics());
        };
        try {
            var loader = BytesClassLoader.trusted("reference", compiled.classes(), CandidateRunner.class.getClassLoader());
            Class<?> type = Class.forName(name, true, loader);
            if (!ArrayKernel.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("the reference " + name + " does not implement "
                        + ArrayKernel.class.getName());
            }
            custom = ArrayKernelTarget.describing(spec)
                    .withReference((ArrayKernel) type.getDeclaredConstructor().newInstance());
            return custom;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("cannot instantiate the reference " + name + ": " + e, e);
        }
    }

    static KernelTarget resolveTarget(String name, String implementation) {
        Optional<KernelTarget> known = Targets.find(name);
        if (known.isPresent() && (implementation == null || known.get().getClass().getName().equals(implementation))) {
            return known.get();
        }
        if (implementation == null) {
            throw new IllegalArgumentException("unknown target " + name);
        }
        try {
            Class<?> type = Class.forName(implementation);
            if (!KernelTarget.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(implementation + " is no KernelTarget");
            }
            return (KernelTarget) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot instantiate " + implementation + ": " + e, e);
        }
    }

    private WorkerReply check(WorkerRequest request, long start) {
        if (classes == null) {
            return WorkerReply.error("check without a compiled candidate");
        }
        try {
            kernel = instantiate();
            for (int i = 0; i < request.sizes().size(); i++) {
                int n = request.sizes().get(i);
                Problem problem = target.newProblem(n, request.seed() + 0x9E3779B97F4A7C15L * (i + 1));
                InputSnapshot before = InputSnapshot.of(problem);
                problem.invoke(kernel);
                Optional<Mismatch> wrong = problem.verify().or(() -> before.changedIn(problem));
                if (wrong.isPresent()) {
                    return WorkerReply.incorrect(wrong.get(), System.nanoTime() - start);
                }
            }
            return WorkerReply.passed(System.nanoTime() - start);
        } catch (Throwable t) {
            return crash(t, start);
        }
    }

    private Object instantiate() throws Throwable {
        loader = new BytesClassLoader(classes, CandidateRunner.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Class<?> type = Class.forName(className, true, loader);
        if (!target.kernelInterface().isAssignableFrom(type)) {
            throw new ClassCastException(className + " does not implement " + target.kernelInterface().getName());
        }
        try {
            return target.kernelInterface().cast(type.getDeclaredConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    /**
     * Times the checked kernel with fresh inputs for every call (built from seeds the engine can
     * derive from the request's, so no cache of an earlier call's answer can help), the output
     * filled with fresh noise and the inputs checked unchanged after each call, outside the timed
     * region. The samples' outputs are kept (for {@link #outputs}); after the loop the fastest
     * sample and {@value #VERIFIED_SAMPLES} others at random are verified here, on problems rebuilt
     * from their seeds: the reference of a large problem (matmul's n^3) would otherwise cost more
     * than the kernel it checks on every call. The engine verifies samples of its own choosing too.
     */
    private WorkerReply time(WorkerRequest request, long start) {
        if (kernel == null) {
            return WorkerReply.error("timing without a checked candidate");
        }
        int n = request.sizes().getFirst();
        long seed = request.seed();
        KeptOutputs keep = new KeptOutputs(KeptOutputs.budget());
        timedOutputs = null;
        Mismatch[] wrong = new Mismatch[1];
        try {
            TimingLoop.Result result = TimingLoop.runFresh(request.plan(), request.cutoffNs(), (sample, ordinal) -> {
                Problem p = target.newProblem(n, sample ? TimingLoop.sampleSeed(seed, ordinal)
                        : TimingLoop.warmUpSeed(seed, ordinal));
                InputSnapshot before = InputSnapshot.of(p);
                long t0 = System.nanoTime();
                p.invoke(kernel);
                long dt = System.nanoTime() - t0;
                Optional<Mismatch> changed = before.changedIn(p);
                if (changed.isPresent()) {
                    wrong[0] = changed.get();
                    return -1;
                }
                if (sample) {
                    keep.keep(ordinal, p.output());
                }
                return dt;
            }, usesVectorApi);
            if (result instanceof TimingLoop.Result.Samples s) {
                wrong[0] = verifySamples(n, seed, s.samplesNs(), keep).orElse(null);
                if (wrong[0] == null) {
                    timedOutputs = keep;
                    return WorkerReply.timed(n, s.samplesNs(), keep.digests(s.samplesNs().size()),
                            System.nanoTime() - start);
                }
            }
            return WorkerReply.incorrect(wrong[0], System.nanoTime() - start);
        } catch (Throwable t) {
            return crash(t, start);
        }
    }

    /** Random samples verified in the worker besides the fastest. */
    static final int VERIFIED_SAMPLES = 2;

    private Optional<Mismatch> verifySamples(int n, long seed, List<Long> samples, KeptOutputs keep) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (keep.get(i) != null) {
                order.add(i);
            }
        }
        java.util.Collections.shuffle(order, java.util.concurrent.ThreadLocalRandom.current());
        if (order.remove(Integer.valueOf(fastest(samples)))) {
            order.addFirst(fastest(samples));
        }
        for (int i : order.subList(0, Math.min(order.size(), 1 + VERIFIED_SAMPLES))) {
            Problem p = target.newProblem(n, TimingLoop.sampleSeed(seed, i));
            p.loadOutput(ArrayBytes.decode(keep.get(i)));
            Optional<Mismatch> m = p.verify();
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static int fastest(List<Long> samples) {
        int best = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i) < samples.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** Copies of the kept outputs of the samples the engine picked (until the next compile or timing). */
    private WorkerReply outputs(WorkerRequest request, long start) {
        KeptOutputs kept = timedOutputs;
        if (kept == null) {
            return WorkerReply.error("outputs asked for without a timing");
        }
        List<byte[]> copies = new ArrayList<>();
        for (int sample : request.samples()) {
            byte[] copy = kept.get(sample);
            if (copy == null) {
                return WorkerReply.error("no output kept for sample " + sample);
            }
            copies.add(copy);
        }
        return WorkerReply.outputs(copies, System.nanoTime() - start);
    }

    /**
     * The expected output of a custom kernel: its trusted reference run as the kernel of a fresh
     * problem. Asked of a worker that runs no candidates, for the engine's own verification.
     */
    private WorkerReply reference(WorkerRequest request, long start) {
        try {
            ArrayKernelTarget t = customTarget(request.arrayKernel());
            Problem p = t.newProblem(request.sizes().getFirst(), request.seed());
            p.invoke(t.reference());
            return WorkerReply.outputs(List.of(ArrayBytes.encode(p.output())), System.nanoTime() - start);
        } catch (RuntimeException e) {
            return WorkerReply.error("cannot run the reference of " + request.arrayKernel().name() + ": " + e);
        }
    }

    /** Classifies a throwable from candidate code: see {@link CrashReport#of}. */
    static WorkerReply crash(Throwable t, long start) {
        return CrashReport.of(t, start);
    }
}
