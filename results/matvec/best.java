import dev.evolve.kernels.matvec.MatvecKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision y = A * x for a square row-major matrix of order n. */
public final class Matvec implements MatvecKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void multiply(double[] a, double[] x, double[] y, int n) {
        IntStream.range(0, n).parallel().forEach(i -> {
            double sum = 0.0;
            int iN = i * n;
            int jVec = SPECIES.loopBound(n);
            DoubleVector sumLanes = DoubleVector.zero(SPECIES);
            for (int j = 0; j < jVec; j += SPECIES.length()) {
                sumLanes = DoubleVector.fromArray(SPECIES, a, iN + j).fma(DoubleVector.fromArray(SPECIES, x, j), sumLanes);
            }
            sum += sumLanes.reduceLanes(VectorOperators.ADD);
            for (int j = jVec; j < n; j++) {
                sum += a[iN + j] * x[j];
            }
            y[i] = sum;
        });
    }
    // EVOLVE-BLOCK-END
}
