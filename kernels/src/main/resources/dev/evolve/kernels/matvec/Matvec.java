import dev.evolve.kernels.matvec.MatvecKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision y = A * x for a square row-major matrix of order n. */
public final class Matvec implements MatvecKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void multiply(double[] a, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += a[i * n + j] * x[j];
            }
            y[i] = sum;
        }
    }
    // EVOLVE-BLOCK-END
}
