package dev.evolve.engine.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.run.Workbench;
import dev.evolve.engine.target.ScoredTarget;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.VariantEvaluator;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.Targets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every target the catalog lists has exactly one kind, and each kind wires what is its own; no device or worker needed. */
class TargetKindTest {

    @Test
    void everyBuiltInTargetHasOneKind() {
        for (Target t : TargetCatalog.builtIns()) {
            assertThat(TargetKind.ALL.stream().filter(k -> k.type().isInstance(t)))
                    .as(t.name()).hasSize(1);
        }
        assertThat(TargetKind.of(Targets.require("matmul"))).isInstanceOf(JavaKernelKind.class);
        assertThat(TargetKind.of(TargetCatalog.resolve("matmul-aparapi", null))).isInstanceOf(AparapiKernelKind.class);
        assertThat(TargetKind.of(TargetCatalog.resolve("matmul-opencl", null))).isInstanceOf(OpenClKernelKind.class);
        assertThat(TargetKind.of(scored())).isInstanceOf(ScoredProgramKind.class);
    }

    @Test
    void aTargetOfNoKindIsRefusedWithItsLanguage() {
        Target alien = new Target() {
            @Override public String name() { return "alien"; }
            @Override public String description() { return "from elsewhere"; }
            @Override public String language() { return "cobol"; }
            @Override public String seedSource() { return ""; }
            @Override public String fileName() { return "a.cob"; }
            @Override public int timingSize() { return 0; }
            @Override public double flops(int size) { return 0; }
        };
        assertThatThrownBy(() -> TargetKind.of(alien)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no evaluator is available for target 'alien' (language cobol)");
    }

    @Test
    void evalOptionsEachKindDoesNotTakeAreRefusedBeforeAnyWorkerStarts() {
        assertThatThrownBy(() -> Workbenches.forEval(Targets.require("matmul"), 1, false, null, "pocl"))
                .hasMessage("--device applies to OpenCL targets; 'matmul' is java");
        assertThatThrownBy(() -> Workbenches.forEval(TargetCatalog.resolve("matmul-opencl", null), 1, true))
                .hasMessageContaining("--jmh applies to Java targets");
        assertThatThrownBy(() -> Workbenches.forEval(scored(), 1, true))
                .hasMessageContaining("--jmh times Java kernels");
        assertThatThrownBy(() -> Workbenches.forEval(Targets.require("matmul"), 0, false))
                .hasMessageContaining("workers must be >= 1");
    }

    @Test
    void aGivenEvaluatorKeepsTheKindsRewritesAndAScoredProgramIsNotRetimed() {
        VariantEvaluator fixed = new VariantEvaluator() {
            @Override public EvaluationOutcome evaluate(String source) { return new EvaluationOutcome.Rejected("test"); }
            @Override public void close() { }
        };
        try (Workbench java = Workbenches.withEvaluator(Targets.require("matmul"), fixed);
             Workbench script = Workbenches.withEvaluator(scored(), fixed)) {
            assertThat(java.rewrites()).extracting(r -> r.name())
                    .isEqualTo(new JavaKernelKind().rewrites(Targets.require("matmul")).stream().map(r -> r.name()).toList())
                    .contains("vectorize-fma");
            assertThat(java.retiming().retimes()).isTrue();
            assertThat(script.rewrites()).isNotEmpty().allMatch(r -> r.name().startsWith("tune-number-"));
            assertThat(script.retiming().retimes()).isFalse();
        }
    }

    private static ScoredTarget scored() {
        return new ScoredTarget("script", "a script", "python", "x = 1\n", "script.py", Path.of("/tmp").toAbsolutePath(),
                true, new ScoredTarget.Command(List.of("true", "{file}"), Duration.ofSeconds(5), List.of()));
    }
}
