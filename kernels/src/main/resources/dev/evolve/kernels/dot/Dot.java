import dev.evolve.kernels.dot.DotKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision dot product of two vectors of length n. */
public final class Dot implements DotKernel {
    // EVOLVE-BLOCK-START
    @Override
    public double dot(double[] x, double[] y, int n) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }
    // EVOLVE-BLOCK-END
}
