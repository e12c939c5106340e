package dev.evolve.engine.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.engine.target.TargetCatalog;
import dev.evolve.eval.aparapi.AparapiStaticCheck;
import dev.evolve.eval.aparapi.OpenCLKernelTarget;
import dev.evolve.kernels.Target;
import dev.evolve.kernels.aparapi.AparapiTarget;
import dev.evolve.kernels.aparapi.MatmulAparapiTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** matmul-aparapi in the catalog and its workbench's rewrites; nothing here needs a device. */
class AparapiWorkbenchTest {

    static final String SEED = new MatmulAparapiTarget().seedSource();
    /** The seed with its inner loop accumulating into the output element instead of a local. */
    static final String ACCUMULATING = SEED.replace("float sum = 0.0f;", "c[id] = 0.0f;")
            .replace("sum += a[i * n + k]", "c[id] += a[i * n + k]")
            .replace("            c[id] = sum;\n", "");

    @Test
    void theCatalogListsAndResizesTheAparapiTargets() {
        assertThat(TargetCatalog.builtIns()).extracting(Target::name)
                .contains("matmul", "matmul-aparapi", "matvec-aparapi");

        Target t = TargetCatalog.resolve("matmul-aparapi", 64);
        assertThat(t).isInstanceOf(AparapiTarget.class);
        assertThat(t.timingSize()).isEqualTo(64);
        assertThat(t.fileName()).isEqualTo("MatmulAparapi.java");
        assertThat(TargetCatalog.resolve("matmul-aparapi", null).timingSize()).isEqualTo(256);
    }

    @Test
    void onTheSeedTheLocalSizeIsTunedAndTheSumSplit() {
        assertThat(aparapiRewrites()).extracting(Rewrite::name)
                .containsExactlyInAnyOrder("split-accumulators", "unroll", "tune-constant");

        List<String> applied = new ArrayList<>();
        for (Rewrite r : aparapiRewrites()) {
            for (int knob : r.knobs()) {
                r.apply(SEED, knob).ifPresent(child -> {
                    applied.add(r.name() + "(" + knob + ")");
                    assertThat(new AparapiStaticCheck().violations(new OpenCLKernelTarget.Matmul(), child)).isEmpty();
                });
            }
        }
        assertThat(applied).containsExactlyInAnyOrder("tune-constant(0)", "tune-constant(1)",
                "split-accumulators(2)", "split-accumulators(4)", "split-accumulators(8)");
        assertThat(rewrite("tune-constant").apply(SEED, 1).orElseThrow()).contains("static final int LOCAL = 32;");
        assertThat(rewrite("split-accumulators").apply(SEED, 4).orElseThrow())
                .contains("float sum4 = 0.0f;", "k += 4", "c[id] = sum;");
    }

    @Test
    void unrollingAppliesToAKernelThatAccumulatesIntoItsOutputAndStaysPlainJava() {
        assertThat(ACCUMULATING).isNotEqualTo(SEED).contains("c[id] += a[i * n + k]");
        Rewrite unroll = rewrite("unroll");

        String child = unroll.apply(ACCUMULATING, 4).orElseThrow();

        assertThat(child).contains("k += 4");
        assertThat(new AparapiStaticCheck().violations(new OpenCLKernelTarget.Matmul(), child)).isEmpty();
    }

    private static List<Rewrite> aparapiRewrites() {
        return new AparapiKernelKind().rewrites(new MatmulAparapiTarget());
    }

    private static Rewrite rewrite(String name) {
        return aparapiRewrites().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void evalRefusesJmhForAnAparapiTarget() {
        assertThatThrownBy(() -> Workbenches.forEval(new MatmulAparapiTarget(), 1, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--jmh is not available");
    }
}
