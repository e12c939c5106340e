package dev.evolve.kernels.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.kernels.Construct;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.roofline.Roofline;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArrayKernelTargetTest {

    /** y = a * x + y into out; a is a one-element input. */
    static final ArrayKernel SAXPY = (n, in, out) -> {
        for (int i = 0; i < n; i++) {
            out[i] = in[0][0] * in[1][i] + in[2][i];
        }
    };

    static ArrayKernelSpec spec(List<ArrayKernelSpec.Input> inputs, String output, String flops, String bytes) {
        return new ArrayKernelSpec("saxpy", "out = a * x + y", "Saxpy", "class Saxpy {}", "Reference",
                "class Reference {}", inputs, output, flops, bytes, List.of(1, 2, 3, 17, 100), 1000, 1e-12, 1e-12,
                List.of(Construct.PARALLEL_STREAMS));
    }

    static ArrayKernelSpec saxpy() {
        return spec(List.of(new ArrayKernelSpec.Input("a", "1", -2, 2), new ArrayKernelSpec.Input("x", "n", -1, 1),
                new ArrayKernelSpec.Input("y", "n", -1, 1)), "n", "2*n", null);
    }

    /** The folder's bytes, the output written and the rest read, and its FLOPs as FMAs bound a call. */
    @Test
    void theRooflineComesFromTheFoldersBytesAndFlops() {
        var implicit = ArrayKernelTarget.describing(saxpy()).roofline(1000);
        assertThat(implicit.bounds()).containsExactly(
                new Roofline.Bound.Traffic((1 + 2 * 1000) * 8.0, 1000 * 8.0),
                new Roofline.Bound.Arithmetic(Roofline.Bound.Op.FMA_F64, 1000));
        var declared = ArrayKernelTarget.describing(spec(saxpy().inputs(), "n", "0", "24*n")).roofline(100);
        assertThat(declared.bounds()).containsExactly(new Roofline.Bound.Traffic(1600, 800));
    }

    @Test
    void theReferenceDecidesAndTheSeedDecidesTheInputs() {
        ArrayKernelTarget target = ArrayKernelTarget.describing(saxpy()).withReference(SAXPY);
        for (int n : target.checkSizes()) {
            Problem p = target.newProblem(n, 5L + n);
            p.invoke(SAXPY);
            assertThat(p.verify()).as("n=%d", n).isEmpty();
            p.scrambleOutput();
            p.invoke((ArrayKernel) (m, in, out) -> { });
            Optional<Mismatch> wrong = p.verify();
            assertThat(wrong).isPresent();
            assertThat(wrong.get().index()).isZero();
            assertThat(wrong.get().describe()).contains("out[0]");
        }
        double[][] seen = new double[2][];
        ArrayKernel spy = (n, in, out) -> seen[seen[0] == null ? 0 : 1] = in[1].clone();
        target.newProblem(17, 42L).invoke(spy);
        target.newProblem(17, 42L).invoke(spy);
        assertThat(seen[0]).isEqualTo(seen[1]);
        assertThat(java.util.Arrays.stream(seen[0]).allMatch(v -> v >= -1 && v < 1)).isTrue();
    }

    @Test
    void aKernelOffByOneUlpPassesWithinToleranceAndOffByMoreFails() {
        ArrayKernelTarget target = ArrayKernelTarget.describing(saxpy()).withReference(SAXPY);
        Problem p = target.newProblem(100, 1L);
        p.invoke((ArrayKernel) (n, in, out) -> {
            for (int i = 0; i < n; i++) {
                out[i] = Math.fma(in[0][0], in[1][i], in[2][i]);
            }
        });
        assertThat(p.verify()).isEmpty();
        p.invoke((ArrayKernel) (n, in, out) -> {
            for (int i = 0; i < n; i++) {
                out[i] = in[0][0] * in[1][i] + in[2][i] + (i == 50 ? 1e-6 : 0);
            }
        });
        assertThat(p.verify()).get().extracting(Mismatch::index).isEqualTo(50);
    }

    @Test
    void countsComeFromTheExpressionsOrFromTheArrayLengths() {
        ArrayKernelTarget t = ArrayKernelTarget.describing(saxpy());
        assertThat(t.flops(1000)).isEqualTo(2000);
        assertThat(t.bytes(1000)).isEqualTo((1 + 1000 + 1000 + 1000) * 8.0);
        assertThat(t.bandwidthBound()).isTrue();
        assertThat(t.kernelInterface()).isEqualTo(ArrayKernel.class);
        assertThat(t.className()).isEqualTo("Saxpy");
        assertThat(t.fileName()).isEqualTo("Saxpy.java");
        assertThat(t.allowedConstructs()).containsExactly(Construct.PARALLEL_STREAMS);
        ArrayKernelTarget stated = ArrayKernelTarget.describing(spec(saxpy().inputs(), "n", "2*n", "24*n"));
        assertThat(stated.bytes(10)).isEqualTo(240);
    }

    @Test
    void theEngineSideTargetMakesNoProblems() {
        assertThatThrownBy(() -> ArrayKernelTarget.describing(saxpy()).newProblem(3, 1L))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("worker processes only");
    }

    @Test
    void badFieldsAreNamed() {
        var x = new ArrayKernelSpec.Input("x", "n", -1, 1);
        assertThatThrownBy(() -> spec(List.of(x), "n", "n*", null)).hasMessageStartingWith("field 'flops': cannot parse 'n*'");
        assertThatThrownBy(() -> spec(List.of(x), "n - 2", "n", null))
                .hasMessageStartingWith("field 'output.length': 'n - 2' is -1.0 at n=1");
        assertThatThrownBy(() -> spec(List.of(x), "n/2", "n", null))
                .hasMessageStartingWith("field 'output.length': 'n/2' is 0.5 at n=1, not a whole number");
        assertThatThrownBy(() -> spec(List.of(x), "n^9", "n", null)).hasMessageStartingWith("field 'output.length'");
        assertThatThrownBy(() -> new ArrayKernelSpec.Input("x", "n", 1, 1))
                .hasMessageStartingWith("field 'inputs[x].min/max'");
        assertThatThrownBy(() -> new ArrayKernelSpec.Input("2x", "n", 0, 1))
                .hasMessageStartingWith("field 'inputs[].name'");
        assertThatThrownBy(() -> spec(List.of(x, x), "n", "n", null)).hasMessageStartingWith("field 'inputs'");
        assertThatThrownBy(() -> new ArrayKernelSpec("s", "", "Saxpy", "x", "Saxpy", "y", List.of(x), "n", "n", null,
                List.of(1), 1, 0, 0, null)).hasMessageStartingWith("field 'reference'");
        assertThatThrownBy(() -> new ArrayKernelSpec("s", "", "Saxpy", "x", "Ref", "y", List.of(x), "n", "n", null,
                List.of(3, 2), 1, 0, 0, null)).hasMessageStartingWith("field 'check_sizes'");
        assertThatThrownBy(() -> new ArrayKernelSpec("s", "", "Saxpy", "x", "Ref", "y", List.of(x), "n", "n", null,
                List.of(1), 1, -1, 0, null)).hasMessageStartingWith("field 'tolerance.relative'");
    }
}
