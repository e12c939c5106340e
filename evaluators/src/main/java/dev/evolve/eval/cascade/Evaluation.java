package dev.evolve.eval.cascade;

import dev.evolve.eval.EvaluationOutcome;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An outcome with the wall time of each stage that ran, the time the worker reported spending on
 * each request (compile, check, timing), and the total. Stages that did not run are absent.
 */
public record Evaluation(EvaluationOutcome outcome, Map<Stage, Duration> stages, Map<Stage, Duration> inWorker,
                         Duration total) {

    /** The cascade's stages, in order. */
    public enum Stage {
        /** Static check in the engine. */
        STATIC,
        /** Waiting for a free worker. */
        ACQUIRE,
        COMPILE,
        /** The class-file check in the engine, on the bytes the compilation returned. */
        BYTECODE,
        CHECK,
        /** Waiting for the machine's bench lane. */
        BENCH_LANE,
        TIMING,
        /** The engine verifying copies of timed outputs it picked (see {@code TimedOutputCheck}). */
        VERIFY,
        JMH
    }

    public Evaluation {
        Objects.requireNonNull(outcome, "outcome");
        stages = Map.copyOf(stages);
        inWorker = Map.copyOf(inWorker);
        Objects.requireNonNull(total, "total");
        if (total.isNegative() || stages.values().stream().anyMatch(Duration::isNegative)
                || inWorker.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("durations must be >= 0");
        }
    }

    /** Time the worker reported for all requests together. */
    public Duration inWorkerTotal() {
        return inWorker.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** The engine's share of one worker stage: its wall time less the worker's own time. */
    public Duration overheadOf(Stage stage) {
        Duration d = stage(stage).minus(inWorker.getOrDefault(stage, Duration.ZERO));
        return d.isNegative() ? Duration.ZERO : d;
    }

    public Duration stage(Stage stage) {
        return stages.getOrDefault(stage, Duration.ZERO);
    }

    /** Everything before timing: static check, waiting for a worker, compile, class-file check and correctness. */
    public Duration preTiming() {
        return stage(Stage.STATIC).plus(stage(Stage.ACQUIRE)).plus(stage(Stage.COMPILE)).plus(stage(Stage.BYTECODE))
                .plus(stage(Stage.CHECK));
    }

    /**
     * The engine's own share: the total less the work (time reported inside the worker, the static
     * and class-file checks, the engine's verification of timed outputs, JMH) and less the wait for
     * the bench lane. Includes protocol, process
     * bookkeeping and waiting for a free worker.
     */
    public Duration engineOverhead() {
        Duration d = total.minus(inWorkerTotal()).minus(stage(Stage.STATIC)).minus(stage(Stage.BYTECODE))
                .minus(stage(Stage.VERIFY)).minus(stage(Stage.JMH))
                .minus(stage(Stage.BENCH_LANE));
        return d.isNegative() ? Duration.ZERO : d;
    }
}
