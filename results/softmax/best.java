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
        IntStream.range(0, n).parallel().forEach(i -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[i * n + j]);
            }
            double sum = 0.0;
            double sum2 = 0.0;
            double sum3 = 0.0;
            double sum4 = 0.0;
            double sum5 = 0.0;
            double sum6 = 0.0;
            double sum7 = 0.0;
            double sum8 = 0.0;
            int jSplit = n - n % 8;
            for (int j = 0; j < jSplit; j += 8) {
                sum += Math.exp(x[i * n + j] - max);
                sum2 += Math.exp(x[i * n + (j + 1)] - max);
                sum3 += Math.exp(x[i * n + (j + 2)] - max);
                sum4 += Math.exp(x[i * n + (j + 3)] - max);
                sum5 += Math.exp(x[i * n + (j + 4)] - max);
                sum6 += Math.exp(x[i * n + (j + 5)] - max);
                sum7 += Math.exp(x[i * n + (j + 6)] - max);
                sum8 += Math.exp(x[i * n + (j + 7)] - max);
            }
            for (int j = jSplit; j < n; j++) {
                sum += Math.exp(x[i * n + j] - max);
            }
            sum += sum2 + sum3 + sum4 + sum5 + sum6 + sum7 + sum8;
            for (int j = 0; j < n; j++) {
                out[i * n + j] = Math.exp(x[i * n + j] - max) / sum;
            }
        });
    }
    // EVOLVE-BLOCK-END
}
