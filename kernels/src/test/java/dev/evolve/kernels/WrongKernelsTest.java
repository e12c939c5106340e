package dev.evolve.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Deliberately wrong kernels, one or two per target: verify() names the element that is off. */
class WrongKernelsTest {

    private static Mismatch mismatch(String target, int n, Object kernel) {
        Problem p = Targets.require(target).newProblem(n, 5L);
        p.invoke(kernel);
        Optional<Mismatch> wrong = p.verify();
        assertThat(wrong).as("%s at n=%d", target, n).isPresent();
        assertThat(wrong.get().size()).isEqualTo(n);
        return wrong.get();
    }

    private static void passes(String target, int n, Object kernel) {
        Problem p = Targets.require(target).newProblem(n, 5L);
        p.invoke(kernel);
        assertThat(p.verify()).as("%s at n=%d", target, n).isEmpty();
    }

    @Test
    void matmulF32() {
        MatmulF32Kernel seed = (MatmulF32Kernel) SeedCompiler.instantiateSeed(Targets.require("matmul-f32"));
        passes("matmul-f32", 67, seed);
        // the last element nudged by more than the tolerance
        MatmulF32Kernel lastOff = (a, b, c, n) -> {
            seed.multiply(a, b, c, n);
            c[n * n - 1] += 0.05f;
        };
        for (int n : new int[] {1, 17, 67}) {
            assertThat(mismatch("matmul-f32", n, lastOff).index()).isEqualTo(n * n - 1);
        }
        // the last row never written: it keeps the noise
        MatmulF32Kernel lastRowLeft = (a, b, c, n) -> {
            float[] full = new float[n * n];
            seed.multiply(a, b, full, n);
            System.arraycopy(full, 0, c, 0, (n - 1) * n);
        };
        Mismatch m = mismatch("matmul-f32", 31, lastRowLeft);
        assertThat(m.index()).isEqualTo(30 * 31);
        assertThat(m.where()).isEqualTo("row 30, column 0");
    }
}
