package dev.evolve.engine.mutate.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.DeviceSelector;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.opencl.OpenClDevices;
import dev.evolve.eval.opencl.OpenClEvaluator;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every structural rewrite at every knob, and knob tuning, applied to each OpenCL seed: the result
 * builds and is correct at every check size on the machine's OpenCL device. Skipped, with the
 * reason, where there is no OpenCL platform.
 */
class OpenClRewritesDeviceTest {

    @TempDir
    Path cache;

    /**
     * (rewrite, knob) pairs that must keep a seed correct: every knob of the kernel templates (each
     * is another instance of the kernel); one of tune-knob (LOCAL_X up: the seeds take any
     * work-group) and of unroll (a pragma whatever the factor).
     */
    private static List<Map.Entry<Rewrite, Integer>> steps(String target) {
        List<Map.Entry<Rewrite, Integer>> out = new ArrayList<>();
        for (Rewrite r : OpenClRewrites.forTarget(target)) {
            List<Integer> knobs = switch (r.name()) {
                case "tune-knob" -> List.of(1);
                case "unroll" -> List.of(4);
                default -> r.knobs();
            };
            knobs.forEach(k -> out.add(Map.entry(r, k)));
        }
        return out;
    }

    @Test
    void everyRewriteOfEverySeedBuildsAndIsCorrect() throws Exception {
        Discovery d = OpenClDevices.discover();
        if (d instanceof Discovery.Unavailable u) {
            Assumptions.abort("OpenCL test skipped: " + u.message());
        }
        AcceleratorDevice device = DeviceSelector.select(((Discovery.Devices) d).devices(),
                System.getenv("EVOLVE_OPENCL_DEVICE"));
        var config = AcceleratorConfig.defaults().withWorkers(2).withHeapMiB(256).withTimingSize(16)
                .withLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(30))
                .withTimingPlan(new TimingPlan(1, 0, 50, 1, 1, 0, 3));
        Map<String, String> failures = new ConcurrentHashMap<>();
        int evaluated = 0;
        for (OpenClTarget target : OpenClTargets.all()) {
            try (var eval = OpenClEvaluator.create(target, device, config, cache);
                 ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<?>> done = new ArrayList<>();
                for (var step : steps(target.name())) {
                    String child = step.getKey().apply(target.seedSource(), step.getValue()).orElseThrow(
                            () -> new AssertionError(step.getKey().name() + "(" + step.getValue() + ") does not apply to the "
                                    + target.name() + " seed"));
                    evaluated++;
                    done.add(pool.submit(() -> {
                        EvaluationOutcome o = eval.evaluate(child);
                        if (!(o instanceof EvaluationOutcome.Measured)) {
                            failures.put(target.name() + " " + step.getKey().name() + "(" + step.getValue() + ")",
                                    o.status() + ": " + o.detail());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(evaluated).isGreaterThanOrEqualTo(17);
    }
}
