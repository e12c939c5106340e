import dev.evolve.kernels.matmul.MatmulKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Double-precision C = A * B for square row-major matrices of order n. */
public final class Matmul implements MatmulKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE_K = 128;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int n) {
        int lanes = SPECIES.length();
        int colStep = 4 * lanes;
        int rowsEnd = n - n % 6;
        int colsEnd = n - n % colStep;
        int nColStep = n * colStep;
        int t2Lanes = 2 * lanes;
        int t3Lanes = 3 * lanes;
        IntStream.range(0, (((colsEnd + colStep - 1) / colStep) + (Math.max(1, 4 / colStep)) - 1) / (Math.max(1, 4 / colStep))).parallel().forEach(jChunk -> {
            int jFrom = jChunk * (Math.max(1, 4 / colStep)) * colStep;
            int jTo = Math.min(colsEnd, jFrom + (Math.max(1, 4 / colStep)) * colStep);
            for (int j = jFrom; j < jTo; j += colStep) {
                double[] panel = new double[nColStep];
                for (int kTile = 0; kTile < n; kTile += TILE_K) {
                    for (int k = kTile; k < Math.min(kTile + TILE_K, n); k++) {
                        int kColStep = k * colStep;
                        int kN = k * n;
                        int qVec = SPECIES.loopBound(colStep);
                        for (int q = 0; q < qVec; q += SPECIES.length()) {
                            DoubleVector.fromArray(SPECIES, b, kN + j + q).intoArray(panel, kColStep + q);
                        }
                        for (int q = qVec; q < colStep; q++) {
                            panel[kColStep + q] = b[kN + j + q];
                        }
                    }
                }
                for (int i = 0; i < rowsEnd; i += 6) {
                    int row0 = i * n;
                    int row1 = row0 + n;
                    int row2 = row1 + n;
                    int row3 = row2 + n;
                    int row4 = row3 + n;
                    int row5 = row4 + n;
                    DoubleVector acc00 = DoubleVector.zero(SPECIES);
                    DoubleVector acc01 = DoubleVector.zero(SPECIES);
                    DoubleVector acc02 = DoubleVector.zero(SPECIES);
                    DoubleVector acc03 = DoubleVector.zero(SPECIES);
                    DoubleVector acc10 = DoubleVector.zero(SPECIES);
                    DoubleVector acc11 = DoubleVector.zero(SPECIES);
                    DoubleVector acc12 = DoubleVector.zero(SPECIES);
                    DoubleVector acc13 = DoubleVector.zero(SPECIES);
                    DoubleVector acc20 = DoubleVector.zero(SPECIES);
                    DoubleVector acc21 = DoubleVector.zero(SPECIES);
                    DoubleVector acc22 = DoubleVector.zero(SPECIES);
                    DoubleVector acc23 = DoubleVector.zero(SPECIES);
                    DoubleVector acc30 = DoubleVector.zero(SPECIES);
                    DoubleVector acc31 = DoubleVector.zero(SPECIES);
                    DoubleVector acc32 = DoubleVector.zero(SPECIES);
                    DoubleVector acc33 = DoubleVector.zero(SPECIES);
                    DoubleVector acc40 = DoubleVector.zero(SPECIES);
                    DoubleVector acc41 = DoubleVector.zero(SPECIES);
                    DoubleVector acc42 = DoubleVector.zero(SPECIES);
                    DoubleVector acc43 = DoubleVector.zero(SPECIES);
                    DoubleVector acc50 = DoubleVector.zero(SPECIES);
                    DoubleVector acc51 = DoubleVector.zero(SPECIES);
                    DoubleVector acc52 = DoubleVector.zero(SPECIES);
                    DoubleVector acc53 = DoubleVector.zero(SPECIES);
                    for (int k = 0; k < n; k++) {
                        int pk = k * colStep;
                        DoubleVector bv0 = DoubleVector.fromArray(SPECIES, panel, pk);
                        DoubleVector bv1 = DoubleVector.fromArray(SPECIES, panel, pk + lanes);
                        DoubleVector bv2 = DoubleVector.fromArray(SPECIES, panel, pk + t2Lanes);
                        DoubleVector bv3 = DoubleVector.fromArray(SPECIES, panel, pk + t3Lanes);
                        DoubleVector av = DoubleVector.broadcast(SPECIES, a[row0 + k]);
                        acc00 = av.fma(bv0, acc00);
                        acc01 = av.fma(bv1, acc01);
                        acc02 = av.fma(bv2, acc02);
                        acc03 = av.fma(bv3, acc03);
                        av = DoubleVector.broadcast(SPECIES, a[row1 + k]);
                        acc10 = av.fma(bv0, acc10);
                        acc11 = av.fma(bv1, acc11);
                        acc12 = av.fma(bv2, acc12);
                        acc13 = av.fma(bv3, acc13);
                        av = DoubleVector.broadcast(SPECIES, a[row2 + k]);
                        acc20 = av.fma(bv0, acc20);
                        acc21 = av.fma(bv1, acc21);
                        acc22 = av.fma(bv2, acc22);
                        acc23 = av.fma(bv3, acc23);
                        av = DoubleVector.broadcast(SPECIES, a[row3 + k]);
                        acc30 = av.fma(bv0, acc30);
                        acc31 = av.fma(bv1, acc31);
                        acc32 = av.fma(bv2, acc32);
                        acc33 = av.fma(bv3, acc33);
                        av = DoubleVector.broadcast(SPECIES, a[row4 + k]);
                        acc40 = av.fma(bv0, acc40);
                        acc41 = av.fma(bv1, acc41);
                        acc42 = av.fma(bv2, acc42);
                        acc43 = av.fma(bv3, acc43);
                        av = DoubleVector.broadcast(SPECIES, a[row5 + k]);
                        acc50 = av.fma(bv0, acc50);
                        acc51 = av.fma(bv1, acc51);
                        acc52 = av.fma(bv2, acc52);
                        acc53 = av.fma(bv3, acc53);
                    }
                    acc00.intoArray(c, row0 + j);
                    acc01.intoArray(c, row0 + j + lanes);
                    acc02.intoArray(c, row0 + j + t2Lanes);
                    acc03.intoArray(c, row0 + j + t3Lanes);
                    acc10.intoArray(c, row1 + j);
                    acc11.intoArray(c, row1 + j + lanes);
                    acc12.intoArray(c, row1 + j + t2Lanes);
                    acc13.intoArray(c, row1 + j + t3Lanes);
                    acc20.intoArray(c, row2 + j);
                    acc21.intoArray(c, row2 + j + lanes);
                    acc22.intoArray(c, row2 + j + t2Lanes);
                    acc23.intoArray(c, row2 + j + t3Lanes);
                    acc30.intoArray(c, row3 + j);
                    acc31.intoArray(c, row3 + j + lanes);
                    acc32.intoArray(c, row3 + j + t2Lanes);
                    acc33.intoArray(c, row3 + j + t3Lanes);
                    acc40.intoArray(c, row4 + j);
                    acc41.intoArray(c, row4 + j + lanes);
                    acc42.intoArray(c, row4 + j + t2Lanes);
                    acc43.intoArray(c, row4 + j + t3Lanes);
                    acc50.intoArray(c, row5 + j);
                    acc51.intoArray(c, row5 + j + lanes);
                    acc52.intoArray(c, row5 + j + t2Lanes);
                    acc53.intoArray(c, row5 + j + t3Lanes);
                }
                for (int i = rowsEnd; i < n; i++) {
                    int row0 = i * n;
                    DoubleVector acc00 = DoubleVector.zero(SPECIES);
                    DoubleVector acc01 = DoubleVector.zero(SPECIES);
                    DoubleVector acc02 = DoubleVector.zero(SPECIES);
                    DoubleVector acc03 = DoubleVector.zero(SPECIES);
                    for (int k = 0; k < n; k++) {
                        int pk = k * colStep;
                        DoubleVector av = DoubleVector.broadcast(SPECIES, a[row0 + k]);
                        acc00 = av.fma(DoubleVector.fromArray(SPECIES, panel, pk), acc00);
                        acc01 = av.fma(DoubleVector.fromArray(SPECIES, panel, pk + lanes), acc01);
                        acc02 = av.fma(DoubleVector.fromArray(SPECIES, panel, pk + t2Lanes), acc02);
                        acc03 = av.fma(DoubleVector.fromArray(SPECIES, panel, pk + t3Lanes), acc03);
                    }
                    acc00.intoArray(c, row0 + j);
                    acc01.intoArray(c, row0 + j + lanes);
                    acc02.intoArray(c, row0 + j + t2Lanes);
                    acc03.intoArray(c, row0 + j + t3Lanes);
                }
            }
        });
        IntStream.range(0, (n + 63) / 64).parallel().forEach(iChunk -> {
            int iFrom = iChunk * 64;
            int iTo = Math.min(n, iFrom + 64);
            for (int i = iFrom; i < iTo; i++) {
                int row0 = i * n;
                for (int j = colsEnd; j < n; j++) {
                    double sum = 0.0;
                    for (int k = 0; k < n; k++) {
                        sum += a[row0 + k] * b[k * n + j];
                    }
                    c[row0 + j] = sum;
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
