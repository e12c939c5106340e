import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** out = A^T for a square row-major matrix of order n. */
public final class Transpose implements TransposeKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE = 48;

    @Override
    public void transpose(double[] a, double[] out, int n) {
        int[] aLanes = new int[SPECIES.length()];
        IntStream.range(0, ((aLanes.length) + 3) / 4).parallel().forEach(kChunk -> {
            int kFrom = kChunk * 4;
            int kTo = Math.min((aLanes.length), kFrom + 4);
            int t0N = 0 * n;
            for (int kT = kFrom; kT < kTo; kT += 16) {
                {
                    final int kTPar = kT;
                    IntStream.range(kT, Math.min(kT + 16, kTo)).parallel().forEach(k -> {
                        aLanes[k] = ((0 + k) * n + 0) - (t0N + 0);
                    });
                }
            }
        });
        IntStream.range(0, (int) (((long) n - 0 + 15) / 16)).parallel().forEach(task -> {
            int iFrom = 0 + task * 16;
            int iTo = Math.min(iFrom + 16, n);
            int iVec = iFrom + SPECIES.loopBound(iTo - iFrom);
            for (int j = 0; j < n; j++) {
                int jN2 = j * n;
                for (int i = iFrom; i < iVec; i += SPECIES.length()) {
                    int iN = i * n;
                    DoubleVector.fromArray(SPECIES, a, iN + j, aLanes, 0).intoArray(out, jN2 + i);
                }
            }
            for (int iT = iVec; iT < iTo; iT += 64) {
                for (int jTile = 0; jTile < n; jTile += TILE) {
                    int jEnd = Math.min(jTile + TILE, n);
                    for (int iTile = iT; iTile < (Math.min(iT + 64, iTo)); iTile += TILE) {
                        int iEnd = Math.min(iTile + TILE, (Math.min(iT + 64, iTo)));
                        for (int j = jTile; j < jEnd; j++) {
                            for (int i = iTile; i < iEnd; i++) {
                                int iN3 = i * n;
                                int jN = j * n;
                                int iN2 = iN3;
                                out[jN + i] = a[iN2 + j];
                            }
                        }
                    }
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
