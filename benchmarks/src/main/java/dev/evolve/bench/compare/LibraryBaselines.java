package dev.evolve.bench.compare;

import dev.evolve.kernels.dot.DotKernel;
import dev.evolve.kernels.matmul.MatmulKernel;
import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import dev.evolve.kernels.matvec.MatvecKernel;
import dev.evolve.kernels.prefixsum.PrefixSumKernel;
import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.ejml.dense.row.mult.VectorVectorMult_DDRM;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;

/**
 * Library baselines: each wraps one library call in a target's kernel interface, so that it is timed and
 * verified against the target's reference exactly like a variant. The wrappers view the kernel's arrays
 * in place (no copies): EJML's row-major matrices wrap them directly; ojAlgo's stores are column-major,
 * so a row-major array is viewed as the transposed matrix and products are taken in the transposed order
 * ({@code C^T = B^T A^T}).
 *
 * <table>
 * <caption>baselines per target</caption>
 * <tr><th>target</th><th>variant</th><th>call</th></tr>
 * <tr><td>matmul</td><td>ejml, ejml-mt, ojalgo</td><td>CommonOps_DDRM.mult, CommonOps_MT_DDRM.mult, R064Store.fillByMultiplying</td></tr>
 * <tr><td>matmul-f32</td><td>ejml, ejml-mt, ojalgo</td><td>CommonOps_FDRM.mult, CommonOps_MT_FDRM.mult, R032Store.fillByMultiplying</td></tr>
 * <tr><td>matvec</td><td>ejml, ojalgo</td><td>CommonOps_DDRM.mult (matrix times column vector), R064Store.fillByMultiplying</td></tr>
 * <tr><td>transpose</td><td>ejml, ejml-mt, ojalgo</td><td>CommonOps_DDRM.transpose, CommonOps_MT_DDRM.transpose, R064Store.fillMatching(transpose())</td></tr>
 * <tr><td>dot</td><td>ejml, ojalgo</td><td>VectorVectorMult_DDRM.innerProd, ArrayR064.dot</td></tr>
 * <tr><td>prefix-sum</td><td>jdk</td><td>System.arraycopy, then Arrays.parallelPrefix</td></tr>
 * </table>
 *
 * ojAlgo and the {@code -mt} EJML calls use several threads (as the evolved variants may, with parallel
 * streams); the others use one.
 */
final class LibraryBaselines {

    /** One library call for one target. */
    record Baseline(String variant, String call, Supplier<Object> kernel) {
    }

    private static final Map<String, List<Baseline>> BY_TARGET = index();

    private LibraryBaselines() {
    }

    /** The baselines of a target, in a stable order (empty when no library offers the computation). */
    static List<Baseline> of(String target) {
        return BY_TARGET.getOrDefault(target, List.of());
    }

    /** The baseline named {@code variant} of the target. */
    static Optional<Baseline> find(String target, String variant) {
        return of(target).stream().filter(b -> b.variant().equals(variant)).findFirst();
    }

    private static Map<String, List<Baseline>> index() {
        Map<String, List<Baseline>> m = new LinkedHashMap<>();
        m.put("matmul", List.of(
                new Baseline("ejml", "EJML CommonOps_DDRM.mult", () -> new EjmlMatmul(false)),
                new Baseline("ejml-mt", "EJML CommonOps_MT_DDRM.mult", () -> new EjmlMatmul(true)),
                new Baseline("ojalgo", "ojAlgo R064Store.fillByMultiplying", OjalgoMatmul::new)));
        m.put("matmul-f32", List.of(
                new Baseline("ejml", "EJML CommonOps_FDRM.mult", () -> new EjmlMatmulF32(false)),
                new Baseline("ejml-mt", "EJML CommonOps_MT_FDRM.mult", () -> new EjmlMatmulF32(true)),
                new Baseline("ojalgo", "ojAlgo R032Store.fillByMultiplying", OjalgoMatmulF32::new)));
        m.put("matvec", List.of(
                new Baseline("ejml", "EJML CommonOps_DDRM.mult (matrix-vector)", EjmlMatvec::new),
                new Baseline("ojalgo", "ojAlgo R064Store.fillByMultiplying (vector-matrix)", OjalgoMatvec::new)));
        m.put("transpose", List.of(
                new Baseline("ejml", "EJML CommonOps_DDRM.transpose", () -> new EjmlTranspose(false)),
                new Baseline("ejml-mt", "EJML CommonOps_MT_DDRM.transpose", () -> new EjmlTranspose(true)),
                new Baseline("ojalgo", "ojAlgo R064Store.fillMatching(transpose())", OjalgoTranspose::new)));
        m.put("dot", List.of(
                new Baseline("ejml", "EJML VectorVectorMult_DDRM.innerProd", EjmlDot::new),
                new Baseline("ojalgo", "ojAlgo ArrayR064.dot", OjalgoDot::new)));
        m.put("prefix-sum", List.of(
                new Baseline("jdk", "JDK Arrays.parallelPrefix", JdkPrefixSum::new)));
        return Map.copyOf(m);
    }

    static final class EjmlMatmul implements MatmulKernel {
        private final boolean concurrent;

        EjmlMatmul(boolean concurrent) {
            this.concurrent = concurrent;
        }

        @Override
        public void multiply(double[] a, double[] b, double[] c, int n) {
            DMatrixRMaj ma = DMatrixRMaj.wrap(n, n, a);
            DMatrixRMaj mb = DMatrixRMaj.wrap(n, n, b);
            DMatrixRMaj mc = DMatrixRMaj.wrap(n, n, c);
            if (concurrent) {
                CommonOps_MT_DDRM.mult(ma, mb, mc);
            } else {
                CommonOps_DDRM.mult(ma, mb, mc);
            }
        }
    }

    static final class EjmlMatmulF32 implements MatmulF32Kernel {
        private final boolean concurrent;

        EjmlMatmulF32(boolean concurrent) {
            this.concurrent = concurrent;
        }

        @Override
        public void multiply(float[] a, float[] b, float[] c, int n) {
            FMatrixRMaj ma = FMatrixRMaj.wrap(n, n, a);
            FMatrixRMaj mb = FMatrixRMaj.wrap(n, n, b);
            FMatrixRMaj mc = FMatrixRMaj.wrap(n, n, c);
            if (concurrent) {
                CommonOps_MT_FDRM.mult(ma, mb, mc);
            } else {
                CommonOps_FDRM.mult(ma, mb, mc);
            }
        }
    }

    static final class EjmlMatvec implements MatvecKernel {
        @Override
        public void multiply(double[] a, double[] x, double[] y, int n) {
            CommonOps_DDRM.mult(DMatrixRMaj.wrap(n, n, a), DMatrixRMaj.wrap(n, 1, x), DMatrixRMaj.wrap(n, 1, y));
        }
    }

    static final class EjmlTranspose implements TransposeKernel {
        private final boolean concurrent;

        EjmlTranspose(boolean concurrent) {
            this.concurrent = concurrent;
        }

        @Override
        public void transpose(double[] a, double[] out, int n) {
            DMatrixRMaj ma = DMatrixRMaj.wrap(n, n, a);
            DMatrixRMaj mo = DMatrixRMaj.wrap(n, n, out);
            if (concurrent) {
                CommonOps_MT_DDRM.transpose(ma, mo);
            } else {
                CommonOps_DDRM.transpose(ma, mo);
            }
        }
    }

    static final class EjmlDot implements DotKernel {
        @Override
        public double dot(double[] x, double[] y, int n) {
            return VectorVectorMult_DDRM.innerProd(DMatrixRMaj.wrap(1, n, x), DMatrixRMaj.wrap(1, n, y));
        }
    }

    /** Row-major A, B viewed column-major are A^T, B^T; C^T = B^T A^T, written column-major, is C row-major. */
    static final class OjalgoMatmul implements MatmulKernel {
        @Override
        public void multiply(double[] a, double[] b, double[] c, int n) {
            R064Store.wrap(c, n).fillByMultiplying(R064Store.wrap(b, n), R064Store.wrap(a, n));
        }
    }

    static final class OjalgoMatmulF32 implements MatmulF32Kernel {
        @Override
        public void multiply(float[] a, float[] b, float[] c, int n) {
            R032Store.wrap(c, n).fillByMultiplying(R032Store.wrap(b, n), R032Store.wrap(a, n));
        }
    }

    /** y^T = x^T A^T: the row vector x (1 x n) times A viewed column-major (A^T). */
    static final class OjalgoMatvec implements MatvecKernel {
        @Override
        public void multiply(double[] a, double[] x, double[] y, int n) {
            R064Store.wrap(y, 1).fillByMultiplying(R064Store.wrap(x, 1), R064Store.wrap(a, n));
        }
    }

    static final class OjalgoTranspose implements TransposeKernel {
        @Override
        public void transpose(double[] a, double[] out, int n) {
            R064Store.wrap(out, n).fillMatching(R064Store.wrap(a, n).transpose());
        }
    }

    static final class OjalgoDot implements DotKernel {
        @Override
        public double dot(double[] x, double[] y, int n) {
            return R064Store.wrap(x, n).dot(R064Store.wrap(y, n));
        }
    }

    static final class JdkPrefixSum implements PrefixSumKernel {
        @Override
        public void scan(double[] x, double[] out, int n) {
            System.arraycopy(x, 0, out, 0, n);
            Arrays.parallelPrefix(out, 0, n, Double::sum);
        }
    }
}
