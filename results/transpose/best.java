import dev.evolve.kernels.transpose.TransposeKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** out = A^T for a square row-major matrix of order n. */
public final class Transpose implements TransposeKernel {
    // EVOLVE-BLOCK-START
    private static final int TILE_I = 48;

    private static final int TILE_J = 32;

    @Override
    public void transpose(double[] a, double[] out, int n) {
        IntStream.range(0, ((n + TILE_I - 1) / TILE_I)).parallel().forEach(iTileTask -> {
            int iTile = iTileTask * TILE_I;
            for (int jTile = 0; jTile < n; jTile += TILE_J) {
                for (int j = jTile; j < Math.min(jTile + TILE_J, n); j++) {
                    for (int i = iTile; i < Math.min(iTile + TILE_I, n); i++) {
                        int iN = i * n;
                        out[j * n + i] = a[iN + j];
                    }
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
