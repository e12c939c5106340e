import dev.evolve.kernels.matmul.MatmulKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision C = A * B for square row-major matrices of order n. */
public final class Matmul implements MatmulKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE_J = 128;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n) {
        double[] bT = new double[n * n];
        IntStream.range(0, (n + 63) / 64).parallel().forEach(rChunk -> {
            int rFrom = rChunk * 64;
            int rTo = Math.min(n, rFrom + 64);
            for (int r = rFrom; r < rTo; r++) {
                for (int q = 0; q < n; q++) {
                    bT[q * n + r] = b[r * n + q];
                }
            }
        });
        IntStream.range(0, (n + 3) / 4).parallel().forEach(iChunk -> {
            int iFrom = iChunk * 4;
            int iTo = Math.min(n, iFrom + 4);
            for (int jTile = 0; jTile < n; jTile += TILE_J) {
                for (int i = iFrom; i < iTo; i++) {
                    for (int j = jTile; j < Math.min(jTile + TILE_J, n); j++) {
                        double sum = 0.0;
                        int kVec = SPECIES.loopBound(n);
                        DoubleVector sumLanes = DoubleVector.zero(SPECIES);
                        for (int k = 0; k < kVec; k += SPECIES.length()) {
                            sumLanes = DoubleVector.fromArray(SPECIES, a, i * n + k).fma(DoubleVector.fromArray(SPECIES, bT, (j) * n + (k)), sumLanes);
                        }
                        sum += sumLanes.reduceLanes(VectorOperators.ADD);
                        for (int k = kVec; k < n; k++) {
                            sum += a[i * n + k] * bT[(j) * n + (k)];
                        }
                        c[i * n + j] = sum;
                    }
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
