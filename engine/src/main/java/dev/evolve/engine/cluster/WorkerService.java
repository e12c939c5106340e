package dev.evolve.engine.cluster;

import dev.evolve.engine.record.EvaluationSection;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker member's side of an {@link EvaluateTask}: one evaluator per target and settings, made on
 * first use with this member's slot count as its worker JVMs, kept while the member lives. Candidate
 * code runs in those evaluators' sandboxed worker JVMs, never in the member's JVM; a seed is timed by
 * each evaluator on this member, so speedups reported from here are against the seed timed here.
 * Never throws: whatever goes wrong is an error {@link Reply}.
 */
public final class WorkerService implements AutoCloseable {

    /** The key of this service in the member's user context. */
    static final String KEY = "evolve.worker";

    /**
     * Makes the evaluator of a target with given settings: the target's own evaluator, as a run on
     * this machine would use it ({@code evolve worker} passes {@code Workbenches.forRun}), or a fake
     * in tests.
     */
    @FunctionalInterface
    public interface EvaluatorFactory {
        VariantEvaluator open(Target target, EvaluationSection evaluation);
    }

    private final EvaluatorFactory factory;
    private final int slots;
    private final Path cache;
    private final Map<String, VariantEvaluator> evaluators = new ConcurrentHashMap<>();
    private final AtomicLong evaluated = new AtomicLong();
    private volatile boolean closed;

    WorkerService(EvaluatorFactory factory, int slots, Path cache) {
        this.factory = factory;
        this.slots = slots;
        this.cache = cache;
    }

    Reply evaluate(EvaluateTask task) {
        try {
            if (closed) {
                return Reply.error("this member is shutting down");
            }
            if (!EngineVersion.current().equals(task.version())) {
                return Reply.error("refused: the task comes from engine version " + task.version()
                        + ", this member runs " + EngineVersion.current());
            }
            TaskSpec spec = task.spec();
            VariantEvaluator evaluator = evaluators.computeIfAbsent(spec.key(), k -> open(spec));
            Reply reply = Reply.of(evaluator.evaluate(task.source()));
            evaluated.incrementAndGet();
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error("interrupted on the member");
        } catch (RuntimeException | Error e) {   // a fault of the member, never of the candidate
            return Reply.error(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private VariantEvaluator open(TaskSpec spec) {
        EvaluationSection asked = spec.evaluation();
        EvaluationSection here = new EvaluationSection(slots, asked.workerHeapMb(), asked.timingSize(),
                asked.retimeInterval(), asked.jmh(), null, null, asked.sandbox());
        Target target = spec.resolve(cache, here.timingSize());
        return factory.open(target, here);
    }

    long evaluated() {
        return evaluated.get();
    }

    @Override
    public void close() {
        closed = true;
        evaluators.values().forEach(VariantEvaluator::close);
        evaluators.clear();
    }
}
