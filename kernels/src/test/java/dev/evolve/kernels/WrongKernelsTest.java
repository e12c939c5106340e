package dev.evolve.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.dot.DotKernel;
import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import dev.evolve.kernels.prefixsum.PrefixSumKernel;
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

    @Test
    void dot() {
        DotKernel seed = (DotKernel) SeedCompiler.instantiateSeed(Targets.require("dot"));
        passes("dot", 4099, seed);
        // a reassociated sum (eight partial sums, then a tree) passes: the tolerance allows it
        DotKernel eightLanes = (x, y, n) -> {
            double[] lanes = new double[8];
            for (int i = 0; i < n; i++) {
                lanes[i % 8] = Math.fma(x[i], y[i], lanes[i % 8]);
            }
            return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
        };
        for (int n : new int[] {1, 7, 100, 4099}) {
            passes("dot", n, eightLanes);
        }
        // off by one: the last product left out
        DotKernel lastLeft = (x, y, n) -> seed.dot(x, y, n - 1);
        for (int n : new int[] {1, 2, 17, 4099}) {
            Mismatch m = mismatch("dot", n, lastLeft);
            assertThat(m.index()).isZero();
            assertThat(m.where()).isEqualTo("the returned sum");
        }
    }

    @Test
    void prefixSum() {
        PrefixSumKernel seed = (PrefixSumKernel) SeedCompiler.instantiateSeed(Targets.require("prefix-sum"));
        passes("prefix-sum", 4099, seed);
        // a blocked two-pass scan (block scans, then carried offsets) reassociates and passes
        PrefixSumKernel twoPass = (x, out, n) -> {
            int block = 16;
            double carry = 0.0;
            for (int start = 0; start < n; start += block) {
                double s = 0.0;
                int end = Math.min(n, start + block);
                for (int i = start; i < end; i++) {
                    s += x[i];
                    out[i] = s;
                }
                for (int i = start; i < end; i++) {
                    out[i] += carry;
                }
                carry = out[end - 1];
            }
        };
        for (int n : new int[] {1, 15, 17, 1000, 4099}) {
            passes("prefix-sum", n, twoPass);
        }
        // exclusive instead of inclusive: off by one element everywhere
        PrefixSumKernel exclusive = (x, out, n) -> {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                out[i] = sum;
                sum += x[i];
            }
        };
        assertThat(mismatch("prefix-sum", 17, exclusive).index()).isZero();
        // the last element never written
        PrefixSumKernel lastLeft = (x, out, n) -> seed.scan(x, out, n - 1);
        for (int n : new int[] {1, 2, 65, 4099}) {
            Mismatch m = mismatch("prefix-sum", n, lastLeft);
            assertThat(m.index()).isEqualTo(n - 1);
            assertThat(m.where()).isEqualTo("prefix of " + n + " elements");
        }
    }
}
