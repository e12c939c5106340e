package dev.evolve.eval.cascade;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.EvaluationOutcome.Incorrect;
import dev.evolve.eval.EvaluationOutcome.TimedOut;
import dev.evolve.eval.worker.ArrayBytes;
import dev.evolve.eval.worker.LocalWorkerPool;
import dev.evolve.eval.worker.TimingLoop;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.eval.worker.WorkerLease;
import dev.evolve.eval.worker.WorkerReply;
import dev.evolve.eval.worker.WorkerRequest;
import dev.evolve.eval.worker.WorkerResponse;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.custom.ArrayKernelSpec;
import dev.evolve.kernels.custom.ArrayKernelTarget;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's own verification of a timing, which does not take the worker's word for it: after
 * the worker reported its samples (and a digest of each sample's output), the engine picks samples
 * (the fastest, and others at random, with its own {@link SecureRandom}), asks for copies of their
 * outputs, checks each copy against the digest the worker committed to, rebuilds the sample's
 * inputs from the seed it chose itself ({@link TimingLoop#sampleSeed}) and compares the copy with
 * its own reference answer.
 *
 * <p>Built-in targets' references are engine code. A custom array kernel's reference is the
 * user's code, which the engine does not run in its own process: its expected outputs come from a
 * worker kept for references alone, which never runs a candidate.
 */
final class TimedOutputCheck implements AutoCloseable {

    /** Samples whose outputs the engine verifies per timing. */
    static final int PICKS = 2;

    private static final SecureRandom PICKER = new SecureRandom();

    private final KernelTarget target;
    private final WorkerLaunch referenceLaunch;
    private final Duration limit;
    private LocalWorkerPool references;

    TimedOutputCheck(KernelTarget target, WorkerLaunch referenceLaunch, Duration limit) {
        this.target = target;
        this.referenceLaunch = referenceLaunch;
        this.limit = limit;
    }

    /**
     * Verifies picked samples of {@code timed} (the reply to a TIME request with {@code seed}) on
     * the same {@code worker}: null when they are right, else the outcome that ends the cascade.
     */
    EvaluationOutcome verify(WorkerLease worker, WorkerReply timed, long seed) throws InterruptedException {
        EvaluationOutcome failed = check(worker, timed, seed);
        if (failed != null) {
            worker.retire(); // its timing was a claim the outputs do not bear out: it serves no one else
        }
        return failed;
    }

    private EvaluationOutcome check(WorkerLease worker, WorkerReply timed, long seed) throws InterruptedException {
        List<Integer> picks = pick(timed);
        if (picks.isEmpty()) {
            return new Crashed(Crashed.Kind.EXIT, "the worker kept no output of its timed runs to verify", "", "");
        }
        for (int sample : picks) {
            // one copy per request: a frame holds at most FrameChannel.MAX_FRAME bytes
            WorkerResponse response = worker.call(WorkerRequest.outputs(List.of(sample)), limit);
            if (!(response instanceof WorkerResponse.Replied r) || r.reply().kind() != WorkerReply.Kind.OUTPUTS) {
                return broken(response);
            }
            byte[] copy = r.reply().outputs().getFirst();
            if (!ArrayBytes.digest(copy).equals(timed.digests().get(sample))) {
                return new Crashed(Crashed.Kind.EXIT, "the worker sent an output of timed sample " + sample
                        + " other than the one it reported after the run", "", "");
            }
            Optional<Mismatch> wrong;
            try {
                Problem problem = problem(timed.size(), TimingLoop.sampleSeed(seed, sample));
                problem.loadOutput(ArrayBytes.decode(copy));
                wrong = problem.verify();
            } catch (IllegalArgumentException e) {
                return new Crashed(Crashed.Kind.EXIT, "the worker sent an unusable output of timed sample " + sample
                        + ": " + e.getMessage(), "", "");
            }
            if (wrong.isPresent()) {
                return new Incorrect(wrong.get(), "timing (output verified by the engine)");
            }
        }
        return null;
    }

    /** The fastest sample (the likeliest to have cut a corner) and others at random, among those kept. */
    private static List<Integer> pick(WorkerReply timed) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < timed.digests().size(); i++) {
            if (!timed.digests().get(i).isEmpty()) {
                kept.add(i);
            }
        }
        List<Integer> picks = new ArrayList<>();
        if (kept.isEmpty()) {
            return picks;
        }
        int fastest = kept.getFirst();
        for (int i : kept) {
            if (timed.samplesNs().get(i) < timed.samplesNs().get(fastest)) {
                fastest = i;
            }
        }
        picks.add(fastest);
        kept.remove(Integer.valueOf(fastest));
        while (picks.size() < PICKS && !kept.isEmpty()) {
            picks.add(kept.remove(PICKER.nextInt(kept.size())));
        }
        return picks;
    }

    /** The engine's instance of a timed sample's problem, with the trusted reference's answer. */
    private Problem problem(int size, long seed) throws InterruptedException {
        if (Targets.base(target) instanceof ArrayKernelTarget custom) {
            double[] expected = referenceOutput(custom.spec(), size, seed);
            return ArrayKernelTarget.describing(custom.spec())
                    .withReference((n, in, out) -> System.arraycopy(expected, 0, out, 0, out.length))
                    .newProblem(size, seed);
        }
        return target.newProblem(size, seed);
    }

    private double[] referenceOutput(ArrayKernelSpec spec, int size, long seed) throws InterruptedException {
        synchronized (this) {
            if (references == null) {
                references = LocalWorkerPool.start(referenceLaunch, 1, Integer.MAX_VALUE);
            }
        }
        try (WorkerLease worker = references.acquire()) {
            WorkerResponse response = worker.call(WorkerRequest.reference(spec, size, seed), limit);
            if (response instanceof WorkerResponse.Replied r && r.reply().kind() == WorkerReply.Kind.OUTPUTS
                    && ArrayBytes.decode(r.reply().outputs().getFirst()) instanceof double[] expected) {
                return expected;
            }
            throw new IllegalStateException("the reference worker of " + spec.name() + " gave no output: " + response);
        }
    }

    private static EvaluationOutcome broken(WorkerResponse response) {
        return switch (response) {
            case WorkerResponse.Overran o -> new TimedOut("output verification", o.limit());
            case WorkerResponse.Died d -> new Crashed(Crashed.Kind.EXIT, "the worker process ended during output"
                    + " verification" + (d.reason().isEmpty() ? "" : " (" + d.reason() + ")"), "", d.output());
            case WorkerResponse.Replied r -> new Crashed(Crashed.Kind.EXIT, "the worker sent no outputs to verify: "
                    + r.reply().kind() + " " + r.reply().message(), "", "");
        };
    }

    @Override
    public synchronized void close() {
        if (references != null) {
            references.close();
        }
    }
}
