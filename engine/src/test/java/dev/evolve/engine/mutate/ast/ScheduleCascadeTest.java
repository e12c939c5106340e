package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.target.TargetSpecs;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.eval.cascade.CascadeConfig;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schedule rewrites through the real cascade (static check, javac and correctness in worker JVMs) on every
 * built-in Java seed and on the examples' folder kernel (atx), whose reference exists in workers only. Per target:
 * each rewrite at its last applicable knob, and a chain of every rewrite that applies in turn.
 */
class ScheduleCascadeTest {

    static final CascadeConfig CONFIG = CascadeConfig.defaults().withHeapMiB(256).withProcessors(2)
            .withLimits(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(20))
            .withTimingPlan(new TimingPlan(1, 0, 50, 1, 2, 50, 3));

    @RegisterExtension
    static final CascadeWorkers WORKERS = new CascadeWorkers();

    static List<KernelTarget> targets() {
        List<KernelTarget> out = new ArrayList<>();
        for (KernelTarget t : Targets.all()) {
            out.add(Targets.withTimingSize(t, Math.min(64, t.timingSize())));
        }
        out.add((KernelTarget) TargetSpecs.load(Path.of("..", "kernels", "examples", "atx")));
        return out;
    }

    @Test
    void scheduleRewritesKeepEverySeedCorrectInWorkerJvms() throws Exception {
        int measured = 0;
        for (KernelTarget t : targets()) {
            Map<String, String> variants = new LinkedHashMap<>();
            String chain = t.seedSource();
            StringBuilder chainName = new StringBuilder("chain:");
            for (Rewrite r : RewriteLibrary.schedule()) {
                Optional<String> last = Optional.empty();
                int lastKnob = -1;
                for (int knob : r.knobs()) {
                    Optional<String> out = r.apply(t.seedSource(), knob);
                    if (out.isPresent()) {
                        last = out;
                        lastKnob = knob;
                    }
                }
                if (last.isPresent()) {
                    variants.put(r.name() + "(" + lastKnob + ")", last.get());
                }
                for (int knob : r.knobs()) {
                    Optional<String> out = r.apply(chain, knob);
                    if (out.isPresent()) {
                        chain = out.get();
                        chainName.append(' ').append(r.name()).append('(').append(knob).append(')');
                        break;
                    }
                }
            }
            if (t.name().equals("atx") || t.name().equals("matvec")) {
                // the column-wise reduction is split and its loop moved inward: the reference's own order
                assertThat(chainName).as(t.name()).contains("accumulate(0)", "permute(0)");
            }
            if (!chain.equals(t.seedSource())) {
                variants.put(chainName.toString(), chain);
            }
            assertThat(variants).as(t.name()).isNotEmpty();
            try (Cascade cascade = WORKERS.cascade(t, CONFIG)) {
                for (var v : variants.entrySet()) {
                    EvaluationOutcome outcome = cascade.evaluate(v.getValue());
                    assertThat(outcome).as("%s %s: %s\n%s", t.name(), v.getKey(), outcome.detail(), v.getValue())
                            .isInstanceOf(EvaluationOutcome.Measured.class);
                    measured++;
                }
            }
        }
        assertThat(measured).isGreaterThan(20);
    }
}
