import dev.evolve.kernels.softmax.SoftmaxKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Row-wise softmax of an n x n row-major matrix, stabilised by the row maximum. */
public final class Softmax implements SoftmaxKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void softmax(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[i * n + j]);
            }
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[i * n + j] - max);
            }
            for (int j = 0; j < n; j++) {
                out[i * n + j] = Math.exp(x[i * n + j] - max) / sum;
            }
        }
    }
    // EVOLVE-BLOCK-END
}
