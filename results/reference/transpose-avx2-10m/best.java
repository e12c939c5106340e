import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** out = A^T for a square row-major matrix of order n. */
public final class Transpose implements TransposeKernel {
    // EVOLVE-BLOCK-START
    private static final int TILE = 8;

    @Override
    public void transpose(double[] a, double[] out, int n) {
        IntStream.range(0, ((n) - (0) + 127) / 128).parallel().forEach(jTTask -> {
            int jT = (0) + jTTask * 128;
            {
                {
                    IntStream.range(0, ((n - 3) - (0) + 3) / 4).parallel().forEach(iTask -> {
                        int i = (0) + iTask * 4;
                        {
                            int iN = i * n;
                            for (int j = jT; j < Math.min(jT + 128, n); j++) {
                                out[j * n + i] = a[iN + j];
                                out[j * n + (i + 1)] = a[(i + 1) * n + j];
                                out[j * n + (i + 2)] = a[(i + 2) * n + j];
                                out[j * n + (i + 3)] = a[(i + 3) * n + j];
                            }
                        }
                    });
                    for (int jTile = jT; jTile < (Math.min(jT + 128, n)); jTile += TILE) {
                        int jEnd = Math.min(jTile + TILE, (Math.min(jT + 128, n)));
                        for (int iTile = 0 + (n - 0) / 4 * 4; iTile < n; iTile += TILE) {
                            int iEnd = Math.min(iTile + TILE, n);
                            for (int i = iTile; i < iEnd; i++) {
                                for (int j = jTile; j < jEnd; j++) {
                                    int iN2 = i * n;
                                    out[j * n + i] = a[iN2 + j];
                                }
                            }
                        }
                    }
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
