import dev.evolve.kernels.matvec.MatvecKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision y = A * x for a square row-major matrix of order n. */
public final class Matvec implements MatvecKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE_I = 128;

    @Override
    public void multiply(double[] a, double[] x, double[] y, int n) {
        IntStream.range(0, (n + 3) / 4).parallel().forEach(iChunk -> {
            int iFrom = iChunk * 4;
            int iTo = Math.min(n, iFrom + 4);
            for (int iTile = iFrom; iTile < iTo; iTile += TILE_I) {
                for (int i = iTile; i < Math.min(iTile + TILE_I, iTo); i++) {
                    double sum = 0.0;
                    int iN = i * n;
                    int jCount = Math.max(0, n);
                    int jVec = SPECIES.loopBound(jCount);
                    if (jVec > 0) {
                        DoubleVector sumAcc = DoubleVector.zero(SPECIES);
                        DoubleVector sumAcc2 = DoubleVector.zero(SPECIES);
                        DoubleVector sumAcc3 = DoubleVector.zero(SPECIES);
                        DoubleVector sumAcc4 = DoubleVector.zero(SPECIES);
                        int jWide = jCount / (4 * SPECIES.length()) * (4 * SPECIES.length());
                        for (int j = 0; j < jWide; j += (4 * SPECIES.length())) {
                            sumAcc = DoubleVector.fromArray(SPECIES, a, iN + j).fma(DoubleVector.fromArray(SPECIES, x, j), sumAcc);
                            sumAcc2 = DoubleVector.fromArray(SPECIES, a, iN + j + 1 * SPECIES.length()).fma(DoubleVector.fromArray(SPECIES, x, j + 1 * SPECIES.length()), sumAcc2);
                            sumAcc3 = DoubleVector.fromArray(SPECIES, a, iN + j + 2 * SPECIES.length()).fma(DoubleVector.fromArray(SPECIES, x, j + 2 * SPECIES.length()), sumAcc3);
                            sumAcc4 = DoubleVector.fromArray(SPECIES, a, iN + j + 3 * SPECIES.length()).fma(DoubleVector.fromArray(SPECIES, x, j + 3 * SPECIES.length()), sumAcc4);
                        }
                        for (int j = jWide; j < jVec; j += SPECIES.length()) {
                            sumAcc = DoubleVector.fromArray(SPECIES, a, iN + j).fma(DoubleVector.fromArray(SPECIES, x, j), sumAcc);
                        }
                        sum += sumAcc.add(sumAcc2).add(sumAcc3).add(sumAcc4).reduceLanes(VectorOperators.ADD);
                    }
                    for (int j = jVec; j < n; j++) {
                        sum += a[iN + j] * x[j];
                    }
                    y[i] = sum;
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
