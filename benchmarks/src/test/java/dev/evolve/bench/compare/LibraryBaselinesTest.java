package dev.evolve.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every library baseline computes what the target's reference computes, at every check size. */
class LibraryBaselinesTest {

    @Test
    void everyBaselineIsCorrectAtEveryCheckSize() {
        int checked = 0;
        for (KernelTarget target : Targets.all()) {
            for (LibraryBaselines.Baseline baseline : LibraryBaselines.of(target.name())) {
                Object kernel = baseline.kernel().get();
                assertThat(target.kernelInterface().isInstance(kernel)).as(baseline.call()).isTrue();
                for (int n : target.checkSizes()) {
                    Problem p = target.newProblem(n, 7L * n + 1);
                    p.invoke(kernel);
                    assertThat(p.verify()).as("%s %s (%s) at n=%d", target.name(), baseline.variant(),
                            baseline.call(), n).isEmpty();
                    // a second call on a freshly scrambled output: nothing carried over from the first
                    p.scrambleOutput();
                    p.invoke(kernel);
                    assertThat(p.verify()).as("%s %s again at n=%d", target.name(), baseline.variant(), n).isEmpty();
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(14);
    }

    @Test
    void theExpectedLibrariesCoverTheLinearAlgebraTargets() {
        assertThat(variants("matmul")).containsExactly("ejml", "ejml-mt", "ojalgo");
        assertThat(variants("matmul-f32")).containsExactly("ejml", "ejml-mt", "ojalgo");
        assertThat(variants("matvec")).containsExactly("ejml", "ojalgo");
        assertThat(variants("transpose")).containsExactly("ejml", "ejml-mt", "ojalgo");
        assertThat(variants("dot")).containsExactly("ejml", "ojalgo");
        assertThat(variants("prefix-sum")).containsExactly("jdk");
        assertThat(variants("softmax")).isEmpty();
        assertThat(LibraryBaselines.find("matmul", "ojalgo")).isPresent();
        assertThat(LibraryBaselines.find("stencil", "ejml")).isEmpty();
    }

    @Test
    void aWrongWrapperIsCaughtByTheProblem() {
        // the check itself must be able to fail: the transposed product is not the product
        KernelTarget matmul = Targets.require("matmul");
        Problem p = matmul.newProblem(17, 3);
        LibraryBaselines.OjalgoMatmul right = new LibraryBaselines.OjalgoMatmul();
        p.invoke((dev.evolve.kernels.matmul.MatmulKernel) (a, b, c, n) -> right.multiply(b, a, c, n));
        assertThat(p.verify()).isPresent();
    }

    private static List<String> variants(String target) {
        return LibraryBaselines.of(target).stream().map(LibraryBaselines.Baseline::variant).toList();
    }
}
