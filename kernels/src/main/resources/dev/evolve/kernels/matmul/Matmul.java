import dev.evolve.kernels.matmul.MatmulKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision C = A * B for square row-major matrices of order n. */
public final class Matmul implements MatmulKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void multiply(double[] a, double[] b, double[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }
    // EVOLVE-BLOCK-END
}
