package dev.evolve.kernels.aparapi;

import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Resources;
import dev.evolve.kernels.Tolerance;
import dev.evolve.kernels.matvec.MatvecKernel;
import dev.evolve.kernels.matvec.MatvecTarget;
import dev.evolve.kernels.roofline.Roofline;
import java.util.List;

/**
 * Double-precision y = A * x on an OpenCL device: {@code matvec}'s contract, inputs, reference
 * and tolerance, with a seed that is a naive Aparapi kernel (one work-item per row). The device
 * must support fp64; on one that does not, Aparapi falls back and the evaluator says so.
 */
public final class MatvecAparapiTarget implements AparapiTarget {

    private static final MatvecTarget F64 = new MatvecTarget();

    private final String seed = Resources.text(MatvecAparapiTarget.class, "MatvecAparapi.java");

    @Override public String name() { return "matvec-aparapi"; }

    @Override public String description() {
        return "double-precision y = A*x, A n x n row-major double[], as an Aparapi kernel run on an OpenCL device"
                + " (timed at n=" + timingSize() + ")";
    }

    @Override public String className() { return "MatvecAparapi"; }

    @Override public Class<?> kernelInterface() { return MatvecKernel.class; }

    @Override public String seedSource() { return seed; }

    /** matvec's sizes: 1, odd sizes and sizes that are no multiple of any local size. */
    @Override public List<Integer> checkSizes() { return F64.checkSizes(); }

    /** matvec's n = 2048: a 32 MiB matrix, which Aparapi hands to the device on every call. */
    @Override public int timingSize() { return F64.timingSize(); }

    @Override public Tolerance tolerance() { return F64.tolerance(); }

    @Override public double flops(int n) { return F64.flops(n); }

    @Override public double bytes(int n) { return F64.bytes(n); }

    @Override public Roofline roofline(int n) { return F64.roofline(n); }

    @Override public Problem newProblem(int n, long seed) { return F64.newProblem(n, seed); }
}
