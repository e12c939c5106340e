package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.cascade.Cascade;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The default chains of the memory-bound built-in targets (transpose, histogram, prefix-sum) through the real
 * cascade: static check, javac, the target's check sizes in a sandboxed worker JVM, timing. Each step's result
 * is measured, so the generated code uses only what the candidate sandbox allows.
 */
class BandwidthChainsCascadeTest {

    @RegisterExtension
    static final CascadeWorkers WORKERS = new CascadeWorkers();

    @Test
    void defaultChainsOfTheBandwidthTargetsAreMeasured() throws InterruptedException {
        for (String name : List.of("transpose", "histogram", "prefix-sum")) {
            KernelTarget target = Targets.require(name);
            try (Cascade cascade = WORKERS.cascade(target, ExampleKernelsCascadeTest.CONFIG)) {
                String source = target.seedSource();
                for (RewriteChains.Step step : RewriteChains.defaultChain(name)) {
                    source = step.rewrite().apply(source, step.knob()).orElseThrow(
                            () -> new AssertionError(name + ": " + step.label() + " does not apply"));
                    EvaluationOutcome outcome = cascade.evaluate(source);
                    assertThat(outcome).as("%s %s: %s\n%s", name, step.label(), outcome.detail(), source)
                            .isInstanceOf(EvaluationOutcome.Measured.class);
                }
            }
        }
    }
}
