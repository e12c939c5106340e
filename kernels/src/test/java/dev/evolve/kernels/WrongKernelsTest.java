package dev.evolve.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import dev.evolve.kernels.matvec.MatvecKernel;
import dev.evolve.kernels.stencil.StencilKernel;
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

    @Test
    void matvec() {
        MatvecKernel seed = (MatvecKernel) SeedCompiler.instantiateSeed(Targets.require("matvec"));
        passes("matvec", 257, seed);
        // off by one in the row loop: the last row keeps the noise
        MatvecKernel lastRowLeft = (a, x, y, n) -> {
            for (int i = 0; i < n - 1; i++) {
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    sum += a[i * n + j] * x[j];
                }
                y[i] = sum;
            }
        };
        for (int n : new int[] {1, 2, 17, 67}) {
            Mismatch m = mismatch("matvec", n, lastRowLeft);
            assertThat(m.index()).isEqualTo(n - 1);
            assertThat(m.where()).isEqualTo("row " + (n - 1));
        }
        // off by one in the column loop: the last product left out of every row
        MatvecKernel lastColumnLeft = (a, x, y, n) -> {
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                for (int j = 0; j < n - 1; j++) {
                    sum += a[i * n + j] * x[j];
                }
                y[i] = sum;
            }
        };
        assertThat(mismatch("matvec", 31, lastColumnLeft).index()).isZero();
    }

    @Test
    void stencil() {
        StencilKernel seed = (StencilKernel) SeedCompiler.instantiateSeed(Targets.require("stencil"));
        passes("stencil", 129, seed);
        // the last column of the boundary never copied
        StencilKernel lastColumnLeft = (in, out, n) -> {
            double[] full = new double[n * n];
            seed.step(in, full, n);
            for (int i = 0; i < n; i++) {
                System.arraycopy(full, i * n, out, i * n, n - 1);
            }
        };
        for (int n : new int[] {1, 2, 5, 31}) {
            Mismatch m = mismatch("stencil", n, lastColumnLeft);
            assertThat(m.index()).isEqualTo(n - 1);
            assertThat(m.where()).isEqualTo("row 0, column " + (n - 1));
        }
        // a neighbour shifted by one: in[i][j+2] instead of in[i][j+1]
        StencilKernel shifted = (in, out, n) -> {
            seed.step(in, out, n);
            for (int i = 1; i < n - 1; i++) {
                for (int j = 1; j < n - 2; j++) {
                    out[i * n + j] = 0.25 * (in[(i - 1) * n + j] + in[(i + 1) * n + j] + in[i * n + j - 1] + in[i * n + j + 2]);
                }
            }
        };
        Mismatch m = mismatch("stencil", 17, shifted);
        assertThat(m.index()).isEqualTo(17 + 1);
        assertThat(m.where()).isEqualTo("row 1, column 1");
    }
}
