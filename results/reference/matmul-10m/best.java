import dev.evolve.kernels.matmul.MatmulKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision C = A * B for square row-major matrices of order n. */
public final class Matmul implements MatmulKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE_K = 32;

    private static final int TILE_I = 16;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n) {
        int lanes = SPECIES.length();
        int colStep = 2 * lanes;
        int rowsEnd = n - n % 6;
        int colsEnd = n - n % colStep;
        IntStream.range(0, ((rowsEnd + 5) / 6)).parallel().forEach(iTask -> {
            int i = iTask * 6;
            int row0 = i * n;
            int row1 = row0 + n;
            int row2 = row1 + n;
            int row3 = row2 + n;
            int row4 = row3 + n;
            int row5 = row4 + n;
            for (int j = 0; j < colsEnd; j += colStep) {
                DoubleVector acc00 = DoubleVector.zero(SPECIES);
                DoubleVector acc01 = DoubleVector.zero(SPECIES);
                DoubleVector acc10 = DoubleVector.zero(SPECIES);
                DoubleVector acc11 = DoubleVector.zero(SPECIES);
                DoubleVector acc20 = DoubleVector.zero(SPECIES);
                DoubleVector acc21 = DoubleVector.zero(SPECIES);
                DoubleVector acc30 = DoubleVector.zero(SPECIES);
                DoubleVector acc31 = DoubleVector.zero(SPECIES);
                DoubleVector acc40 = DoubleVector.zero(SPECIES);
                DoubleVector acc41 = DoubleVector.zero(SPECIES);
                DoubleVector acc50 = DoubleVector.zero(SPECIES);
                DoubleVector acc51 = DoubleVector.zero(SPECIES);
                for (int k = 0; k < n; k++) {
                    int bk = k * n + j;
                    DoubleVector bv0 = DoubleVector.fromArray(SPECIES, b, bk);
                    DoubleVector bv1 = DoubleVector.fromArray(SPECIES, b, bk + lanes);
                    DoubleVector av = DoubleVector.broadcast(SPECIES, a[row0 + k]);
                    acc00 = av.fma(bv0, acc00);
                    acc01 = av.fma(bv1, acc01);
                    av = DoubleVector.broadcast(SPECIES, a[row1 + k]);
                    acc10 = av.fma(bv0, acc10);
                    acc11 = av.fma(bv1, acc11);
                    av = DoubleVector.broadcast(SPECIES, a[row2 + k]);
                    acc20 = av.fma(bv0, acc20);
                    acc21 = av.fma(bv1, acc21);
                    av = DoubleVector.broadcast(SPECIES, a[row3 + k]);
                    acc30 = av.fma(bv0, acc30);
                    acc31 = av.fma(bv1, acc31);
                    av = DoubleVector.broadcast(SPECIES, a[row4 + k]);
                    acc40 = av.fma(bv0, acc40);
                    acc41 = av.fma(bv1, acc41);
                    av = DoubleVector.broadcast(SPECIES, a[row5 + k]);
                    acc50 = av.fma(bv0, acc50);
                    acc51 = av.fma(bv1, acc51);
                }
                acc00.intoArray(c, row0 + j);
                acc01.intoArray(c, row0 + j + lanes);
                acc10.intoArray(c, row1 + j);
                acc11.intoArray(c, row1 + j + lanes);
                acc20.intoArray(c, row2 + j);
                acc21.intoArray(c, row2 + j + lanes);
                acc30.intoArray(c, row3 + j);
                acc31.intoArray(c, row3 + j + lanes);
                acc40.intoArray(c, row4 + j);
                acc41.intoArray(c, row4 + j + lanes);
                acc50.intoArray(c, row5 + j);
                acc51.intoArray(c, row5 + j + lanes);
            }
        });
        IntStream.range(0, ((rowsEnd + 5) / 6)).parallel().forEach(iTask2 -> {
            int i = iTask2 * 6;
            int row0 = i * n;
            int row1 = row0 + n;
            int row2 = row1 + n;
            int row3 = row2 + n;
            int row4 = row3 + n;
            int row5 = row4 + n;
            for (int j = colsEnd; j < n; j++) {
                double sum0 = 0.0;
                double sum1 = 0.0;
                double sum2 = 0.0;
                double sum3 = 0.0;
                double sum4 = 0.0;
                double sum5 = 0.0;
                for (int k = 0; k < n; k++) {
                    double bkj = b[k * n + j];
                    sum0 += a[row0 + k] * bkj;
                    sum1 += a[row1 + k] * bkj;
                    sum2 += a[row2 + k] * bkj;
                    sum3 += a[row3 + k] * bkj;
                    sum4 += a[row4 + k] * bkj;
                    sum5 += a[row5 + k] * bkj;
                }
                c[row0 + j] = sum0;
                c[row1 + j] = sum1;
                c[row2 + j] = sum2;
                c[row3 + j] = sum3;
                c[row4 + j] = sum4;
                c[row5 + j] = sum5;
            }
        });
        for (int j = 0; j < n; j++) {
            for (int i = rowsEnd; i < n; i++) {
                int row0 = i * n;
                c[row0 + j] = 0.0;
            }
        }
        IntStream.range(0, (((n - rowsEnd + TILE_I - 1) / TILE_I) + 63) / 64).parallel().forEach(iTileChunk -> {
            int iTileFrom = rowsEnd + iTileChunk * 64 * TILE_I;
            int iTileTo = Math.min(n, iTileFrom + 64 * TILE_I);
            for (int iTile = iTileFrom; iTile < iTileTo; iTile += TILE_I) {
                for (int kTile = 0; kTile < n; kTile += TILE_K) {
                    for (int i = iTile; i < Math.min(iTile + TILE_I, n); i++) {
                        for (int k = kTile; k < Math.min(kTile + TILE_K, n); k++) {
                            int row0 = i * n;
                            double aik = a[row0 + k];
                            int bk = k * n;
                            DoubleVector aikV = DoubleVector.broadcast(SPECIES, aik);
                            int jVec = SPECIES.loopBound(n);
                            for (int j = 0; j < jVec; j += SPECIES.length()) {
                                aikV.fma(DoubleVector.fromArray(SPECIES, b, bk + j), DoubleVector.fromArray(SPECIES, c, row0 + j)).intoArray(c, row0 + j);
                            }
                            for (int j = jVec; j < n; j++) {
                                c[row0 + j] += aik * b[bk + j];
                            }
                        }
                    }
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
