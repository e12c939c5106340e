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
        Map<String, Map<String, String>> children = new java.util.LinkedHashMap<>();
        for (OpenClTarget target : OpenClTargets.all()) {
            Map<String, String> mine = new java.util.LinkedHashMap<>();
            for (var step : steps(target.name())) {
                mine.put(step.getKey().name() + "(" + step.getValue() + ")", step.getKey().apply(target.seedSource(),
                        step.getValue()).orElseThrow(() -> new AssertionError(step.getKey().name() + "(" + step.getValue()
                        + ") does not apply to the " + target.name() + " seed")));
            }
            children.put(target.name(), mine);
        }
        assertThat(children.values().stream().mapToInt(Map::size).sum()).isGreaterThanOrEqualTo(17);
        assertThat(measure(children)).isEmpty();
    }

    /**
     * The vector shapes of matvec-opencl and transpose-opencl, then each move of the tuner: more items per group
     * than rows to share, fewer rows than a whole step of four, blocks that are not 8 x 8 all stay correct.
     */
    @Test
    void vectorShapesStayCorrectUnderEveryKnobMove() throws Exception {
        Map<String, Map<String, String>> children = new java.util.LinkedHashMap<>();
        for (String[] shape : List.of(new String[] {"matvec-opencl", "vector-rows"},
                new String[] {"transpose-opencl", "register-tiles"})) {
            OpenClTarget target = OpenClTargets.require(shape[0]);
            Rewrite template = OpenClRewrites.forTarget(shape[0]).stream().filter(r -> r.name().equals(shape[1]))
                    .findFirst().orElseThrow();
            Rewrite tune = OpenClRewrites.forTarget(shape[0]).getFirst();
            Map<String, String> mine = new java.util.LinkedHashMap<>();
            for (int knob : template.knobs()) {
                String parent = template.apply(target.seedSource(), knob).orElseThrow();
                for (int move : tune.knobs()) {
                    tune.apply(parent, move).ifPresent(c -> mine.put(shape[1] + "(" + knob + ") tune-knob(" + move + ")", c));
                }
            }
            assertThat(mine).as(shape[0]).hasSizeGreaterThan(8);
            children.put(shape[0], mine);
        }
        assertThat(measure(children)).isEmpty();
    }

    /** Each target's children evaluated on the device; the ones not measured, with their status and detail. */
    private Map<String, String> measure(Map<String, Map<String, String>> children) throws Exception {
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
        for (var perTarget : children.entrySet()) {
            OpenClTarget target = OpenClTargets.require(perTarget.getKey());
            try (var eval = OpenClEvaluator.create(target, device, config, cache);
                 ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<?>> done = new ArrayList<>();
                for (var child : perTarget.getValue().entrySet()) {
                    done.add(pool.submit(() -> {
                        EvaluationOutcome o = eval.evaluate(child.getValue());
                        if (!(o instanceof EvaluationOutcome.Measured)) {
                            failures.put(target.name() + " " + child.getKey(), o.status() + ": " + o.detail());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            }
        }
        return failures;
    }
}
