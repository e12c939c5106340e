import dev.evolve.kernels.prefixsum.PrefixSumKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Inclusive prefix sum of a double vector of length n. */
public final class PrefixSum implements PrefixSumKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void scan(double[] x, double[] out, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
            out[i] = sum;
        }
    }
    // EVOLVE-BLOCK-END
}
