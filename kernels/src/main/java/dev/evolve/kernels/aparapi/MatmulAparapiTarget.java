package dev.evolve.kernels.aparapi;

import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Resources;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import dev.evolve.kernels.matmulf32.MatmulF32Target;
import dev.evolve.kernels.roofline.Roofline;
import java.util.List;

/**
 * Single-precision C = A * B on an OpenCL device: {@code matmul-f32}'s contract, inputs,
 * reference and tolerance, with a seed that is a naive Aparapi kernel (one work-item per element
 * of C, work-groups of {@code LOCAL = 16}).
 */
public final class MatmulAparapiTarget implements AparapiTarget {

    private static final MatmulF32Target F32 = new MatmulF32Target();

    private final String seed = Resources.text(MatmulAparapiTarget.class, "MatmulAparapi.java");

    @Override public String name() { return "matmul-aparapi"; }

    @Override public String description() {
        return "single-precision C = A*B, square n x n, row-major float[], as an Aparapi kernel run on an OpenCL device"
                + " (timed at n=" + timingSize() + ")";
    }

    @Override public String className() { return "MatmulAparapi"; }

    @Override public Class<?> kernelInterface() { return MatmulF32Kernel.class; }

    @Override public String seedSource() { return seed; }

    /** matmul-f32's sizes: 1, and orders (17, 31, 67, 100, 129) whose n * n is no multiple of any local size. */
    @Override public List<Integer> checkSizes() { return F32.checkSizes(); }

    /**
     * n = 256, like {@code matmul-f32}: the naive seed takes some 70-110 ms a call on PoCL's CPU
     * device with two cores (n = 512 takes about a second, too long for a screen).
     */
    @Override public int timingSize() { return 256; }

    /** matmul-f32's: an absolute part scaled by sqrt(n) per problem, wide enough for any summation order and FMA. */
    @Override public Tolerance tolerance() { return F32.tolerance(); }

    @Override public double flops(int n) { return F32.flops(n); }

    @Override public double bytes(int n) { return F32.bytes(n); }

    @Override public Roofline roofline(int n) { return F32.roofline(n); }

    @Override public Problem newProblem(int n, long seed) { return F32.newProblem(n, seed); }
}
