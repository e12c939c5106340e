import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** out = A^T for a square row-major matrix of order n. */
public final class Transpose implements TransposeKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void transpose(double[] a, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[j * n + i] = a[i * n + j];
            }
        }
    }
    // EVOLVE-BLOCK-END
}
