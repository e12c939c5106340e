package dev.evolve.engine.record;

import static dev.evolve.engine.record.RunConfig.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.sandbox.SandboxMode;
import dev.evolve.eval.worker.TimingPlan;

/**
 * How candidates are judged: {@code workers} worker JVMs of {@code worker_heap_mb} each, timed at
 * {@code timing_size} (the target's own when left out), the seed and champion timed again every
 * {@code retime_interval} children, a new best confirmed with JMH when {@code jmh}; the OpenCL
 * {@code device} and a plug-in {@code evaluator_jar} for targets that need them; the OS {@code sandbox}
 * of candidate processes ({@code auto}, {@code bwrap} or {@code process}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationSection(int workers, int workerHeapMb, Integer timingSize, int retimeInterval, boolean jmh,
                                String device, String evaluatorJar, String sandbox) {

    public static final EvaluationSection DEFAULT = new EvaluationSection(2, 1024, null, 40, true, null, null, "auto");

    public EvaluationSection {
        require(workers >= 1 && workers <= 64, "workers", "must be in 1..64, was " + workers);
        require(workerHeapMb >= 64, "worker_heap_mb", "must be >= 64, was " + workerHeapMb);
        require(timingSize == null || timingSize >= 1, "timing_size", "must be >= 1, was " + timingSize);
        require(retimeInterval >= 1, "retime_interval", "must be >= 1, was " + retimeInterval);
        require(device == null || !device.isBlank(), "device", "must name a device (see 'evolve devices') or be left out");
        require(evaluatorJar == null || !evaluatorJar.isBlank(), "evaluator_jar", "must name a jar file");
        sandbox = sandbox == null ? "auto" : sandbox;   // configurations written before the key existed
        try {
            SandboxMode.parse(sandbox);
        } catch (IllegalArgumentException e) {
            throw new RunConfig.InvalidConfigException("sandbox", "must be one of auto, bwrap, process, was '"
                    + sandbox + "'");
        }
    }

    /** The OS sandbox asked for: bubblewrap where it works (auto), bubblewrap or fail (bwrap), none (process). */
    public SandboxMode sandboxMode() {
        return SandboxMode.parse(sandbox);
    }

    /**
     * The cascade of a run: a short timing screen (a best is confirmed with JMH before it is
     * reported), and candidates over 4x slower than the champion cut short after a few runs.
     */
    public CascadeConfig screening() {
        return CascadeConfig.defaults().withWorkers(workers).withHeapMiB(workerHeapMb)
                .withTimingPlan(new TimingPlan(2, 100, 400, 3, 10, 500, 3))
                .withSlowCutoff(4);
    }
}
