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
        sum += IntStream.range(0, 2).parallel().mapToDouble(task -> {
            int iFrom = (int) ((long) n * task / 2);
            int iTo = (int) ((long) n * (task + 1) / 2);
            double sumPart = 0.0;
            double sumPart2 = 0.0;
            double sumPart3 = 0.0;
            double sumPart4 = 0.0;
            int iSplit = iFrom + (iTo - iFrom) / 4 * 4;
            for (int i = iFrom; i < iSplit; i += 4) {
                sumPart += x[i] * y[i];
                sumPart2 += x[(i + 1)] * y[(i + 1)];
                sumPart3 += x[(i + 2)] * y[(i + 2)];
                sumPart4 += x[(i + 3)] * y[(i + 3)];
            }
            for (int i = iSplit; i < iTo; i++) {
                sumPart += x[i] * y[i];
            }
            sumPart += sumPart2 + sumPart3 + sumPart4;
            return sumPart;
        }).sum();
        return sum;
    }
    // EVOLVE-BLOCK-END
}
