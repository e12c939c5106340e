import dev.evolve.kernels.stencil.StencilKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** One 5-point Jacobi step on an n x n row-major grid; the boundary is copied. */
public final class Stencil implements StencilKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void step(double[] in, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == 0 || j == 0 || i == n - 1 || j == n - 1) {
                    out[i * n + j] = in[i * n + j];
                } else {
                    out[i * n + j] = 0.25 * (in[(i - 1) * n + j] + in[(i + 1) * n + j]
                            + in[i * n + j - 1] + in[i * n + j + 1]);
                }
            }
        }
    }
    // EVOLVE-BLOCK-END
}
