import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** out = A^T for a square row-major matrix of order n. */
public final class Transpose implements TransposeKernel {
    // EVOLVE-BLOCK-START
    private static final int TILE_I = 256;

    @Override
    public void transpose(double[] a, double[] out, int n) {
        {
            IntStream.range(0, (((n - 7) + 7) / 8)).parallel().forEach(iTask -> {
                int i = iTask * 8;
                int iN = i * n;
                for (int j = 0; j < n; j++) {
                    out[j * n + i] = a[iN + j];
                    out[j * n + (i + 1)] = a[(i + 1) * n + j];
                    out[j * n + (i + 2)] = a[(i + 2) * n + j];
                    out[j * n + (i + 3)] = a[(i + 3) * n + j];
                    out[j * n + (i + 4)] = a[(i + 4) * n + j];
                    out[j * n + (i + 5)] = a[(i + 5) * n + j];
                    out[j * n + (i + 6)] = a[(i + 6) * n + j];
                    out[j * n + (i + 7)] = a[(i + 7) * n + j];
                }
            });
            IntStream.range(0, ((n - (0 + (n - 0) / 8 * 8)) + 3) / 4).parallel().forEach(iChunk -> {
                int iFrom = (0 + (n - 0) / 8 * 8) + iChunk * 4;
                int iTo = Math.min(n, iFrom + 4);
                for (int iTile = iFrom; iTile < iTo; iTile += TILE_I) {
                    for (int i = iTile; i < Math.min(iTile + TILE_I, iTo); i++) {
                        for (int j = 0; j < n; j++) {
                            int iN2 = i * n;
                            out[j * n + i] = a[iN2 + j];
                        }
                    }
                }
            });
        }
    }
    // EVOLVE-BLOCK-END
}
