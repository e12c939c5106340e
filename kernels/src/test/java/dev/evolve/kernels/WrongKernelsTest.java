package dev.evolve.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.dot.DotKernel;
import dev.evolve.kernels.histogram.HistogramKernel;
import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import dev.evolve.kernels.prefixsum.PrefixSumKernel;
import dev.evolve.kernels.matvec.MatvecKernel;
import dev.evolve.kernels.softmax.SoftmaxKernel;
import dev.evolve.kernels.stencil.StencilKernel;
import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void transpose() {
        TransposeKernel seed = (TransposeKernel) SeedCompiler.instantiateSeed(Targets.require("transpose"));
        passes("transpose", 129, seed);
        // a plain copy is no transpose: the first element off the diagonal is wrong
        TransposeKernel copy = (a, out, n) -> System.arraycopy(a, 0, out, 0, n * n);
        passes("transpose", 1, copy);
        Mismatch m = mismatch("transpose", 5, copy);
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.where()).isEqualTo("row 0, column 1");
        // off by one in the inner loop: the last column of the input never moved
        TransposeKernel lastLeft = (a, out, n) -> {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n - 1; j++) {
                    out[j * n + i] = a[i * n + j];
                }
            }
        };
        for (int n : new int[] {1, 17, 67}) {
            Mismatch left = mismatch("transpose", n, lastLeft);
            assertThat(left.index()).isEqualTo((n - 1) * n);
        }
    }

    @Test
    void softmax() {
        SoftmaxKernel seed = (SoftmaxKernel) SeedCompiler.instantiateSeed(Targets.require("softmax"));
        passes("softmax", 129, seed);
        // without subtracting the row maximum, exp overflows or underflows on the shifted rows
        SoftmaxKernel unstable = (x, out, n) -> {
            for (int i = 0; i < n; i++) {
                double sum = 0.0;
                for (int j = 0; j < n; j++) {
                    sum += Math.exp(x[i * n + j]);
                }
                for (int j = 0; j < n; j++) {
                    out[i * n + j] = Math.exp(x[i * n + j]) / sum;
                }
            }
        };
        assertThat(mismatch("softmax", 17, unstable).index()).isLessThan(17 * 17);
        // the last element of each row left out of the sum
        SoftmaxKernel shortSum = (x, out, n) -> {
            seed.softmax(x, out, n);
            for (int i = 0; i < n; i++) {
                double last = out[i * n + n - 1];
                for (int j = 0; j < n; j++) {
                    out[i * n + j] /= 1.0 - last;
                }
            }
        };
        Mismatch m = mismatch("softmax", 31, shortSum);
        assertThat(m.index()).isZero();
        assertThat(m.where()).isEqualTo("row 0, column 0");
        // the last row left with the noise
        SoftmaxKernel lastRowLeft = (x, out, n) -> {
            double[] full = new double[n * n];
            seed.softmax(x, full, n);
            System.arraycopy(full, 0, out, 0, (n - 1) * n);
        };
        assertThat(mismatch("softmax", 67, lastRowLeft).index()).isEqualTo(66 * 67);
    }

    @Test
    void histogram() {
        HistogramKernel seed = (HistogramKernel) SeedCompiler.instantiateSeed(Targets.require("histogram"));
        passes("histogram", 4099, seed);
        // off by one: the last value never counted
        AtomicInteger lastValue = new AtomicInteger();
        HistogramKernel lastLeft = (values, counts, n, bins) -> {
            lastValue.set(values[n - 1]);
            seed.histogram(values, counts, n - 1, bins);
        };
        for (int n : new int[] {1, 2, 67, 4099}) {
            Mismatch m = mismatch("histogram", n, lastLeft);
            assertThat(m.index()).isEqualTo(lastValue.get());
            assertThat(m.actual()).isEqualTo(m.expected() - 1);
            assertThat(m.where()).isEqualTo("bin " + lastValue.get());
        }
        // counting on top of the noise instead of zeroing first
        HistogramKernel notCleared = (values, counts, n, bins) -> {
            for (int i = 0; i < n; i++) {
                counts[values[i]]++;
            }
        };
        assertThat(mismatch("histogram", 100, notCleared).index()).isZero();
    }
}
