import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Single-precision C = A * B for square row-major matrices of order n. */
public final class MatmulF32 implements MatmulF32Kernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static final int TILE_I = 32;

    @Override
    public void multiply(float[] a, float[] b, float[] c, int n) {
        {
            int lanes = SPECIES.length();
            int iLo = 0;
            int iHi = Math.max(iLo, n);
            int jLo = 0;
            int jHi = Math.max(jLo, n);
            int colStep = 2 * lanes;
            int iEnd = iLo + (iHi - iLo) / 8 * 8;
            int jEnd = jLo + (jHi - jLo) / colStep * colStep;
            {
                IntStream.range(0, (iEnd - iLo) / 8).parallel().forEach(iBlock -> {
                    int i = iLo + iBlock * 8;
                    FloatVector cV = FloatVector.broadcast(SPECIES, (float) (0.0f));
                    for (int j = jLo; j < jEnd; j += colStep) {
                        FloatVector sumAcc00 = cV;
                        FloatVector sumAcc01 = cV;
                        FloatVector sumAcc10 = cV;
                        FloatVector sumAcc11 = cV;
                        FloatVector sumAcc20 = cV;
                        FloatVector sumAcc21 = cV;
                        FloatVector sumAcc30 = cV;
                        FloatVector sumAcc31 = cV;
                        FloatVector sumAcc40 = cV;
                        FloatVector sumAcc41 = cV;
                        FloatVector sumAcc50 = cV;
                        FloatVector sumAcc51 = cV;
                        FloatVector sumAcc60 = cV;
                        FloatVector sumAcc61 = cV;
                        FloatVector sumAcc70 = cV;
                        FloatVector sumAcc71 = cV;
                        for (int k = 0; k < n; k++) {
                            FloatVector aV = FloatVector.broadcast(SPECIES, (float) a[i * n + k]);
                            FloatVector bV = FloatVector.fromArray(SPECIES, b, k * n + j);
                            FloatVector bV2 = FloatVector.fromArray(SPECIES, b, k * n + j + 1 * lanes);
                            FloatVector aV2 = FloatVector.broadcast(SPECIES, (float) a[(i + 1) * n + k]);
                            FloatVector aV3 = FloatVector.broadcast(SPECIES, (float) a[(i + 2) * n + k]);
                            FloatVector aV4 = FloatVector.broadcast(SPECIES, (float) a[(i + 3) * n + k]);
                            FloatVector aV5 = FloatVector.broadcast(SPECIES, (float) a[(i + 4) * n + k]);
                            FloatVector aV6 = FloatVector.broadcast(SPECIES, (float) a[(i + 5) * n + k]);
                            FloatVector aV7 = FloatVector.broadcast(SPECIES, (float) a[(i + 6) * n + k]);
                            FloatVector aV8 = FloatVector.broadcast(SPECIES, (float) a[(i + 7) * n + k]);
                            sumAcc00 = aV.fma(bV, sumAcc00);
                            sumAcc01 = aV.fma(bV2, sumAcc01);
                            sumAcc10 = aV2.fma(bV, sumAcc10);
                            sumAcc11 = aV2.fma(bV2, sumAcc11);
                            sumAcc20 = aV3.fma(bV, sumAcc20);
                            sumAcc21 = aV3.fma(bV2, sumAcc21);
                            sumAcc30 = aV4.fma(bV, sumAcc30);
                            sumAcc31 = aV4.fma(bV2, sumAcc31);
                            sumAcc40 = aV5.fma(bV, sumAcc40);
                            sumAcc41 = aV5.fma(bV2, sumAcc41);
                            sumAcc50 = aV6.fma(bV, sumAcc50);
                            sumAcc51 = aV6.fma(bV2, sumAcc51);
                            sumAcc60 = aV7.fma(bV, sumAcc60);
                            sumAcc61 = aV7.fma(bV2, sumAcc61);
                            sumAcc70 = aV8.fma(bV, sumAcc70);
                            sumAcc71 = aV8.fma(bV2, sumAcc71);
                        }
                        sumAcc00.intoArray(c, i * n + j);
                        sumAcc01.intoArray(c, i * n + j + 1 * lanes);
                        sumAcc10.intoArray(c, (i + 1) * n + j);
                        sumAcc11.intoArray(c, (i + 1) * n + j + 1 * lanes);
                        sumAcc20.intoArray(c, (i + 2) * n + j);
                        sumAcc21.intoArray(c, (i + 2) * n + j + 1 * lanes);
                        sumAcc30.intoArray(c, (i + 3) * n + j);
                        sumAcc31.intoArray(c, (i + 3) * n + j + 1 * lanes);
                        sumAcc40.intoArray(c, (i + 4) * n + j);
                        sumAcc41.intoArray(c, (i + 4) * n + j + 1 * lanes);
                        sumAcc50.intoArray(c, (i + 5) * n + j);
                        sumAcc51.intoArray(c, (i + 5) * n + j + 1 * lanes);
                        sumAcc60.intoArray(c, (i + 6) * n + j);
                        sumAcc61.intoArray(c, (i + 6) * n + j + 1 * lanes);
                        sumAcc70.intoArray(c, (i + 7) * n + j);
                        sumAcc71.intoArray(c, (i + 7) * n + j + 1 * lanes);
                    }
                });
                IntStream.range(0, ((iHi - iEnd) + 15) / 16).parallel().forEach(iChunk -> {
                    int iFrom = iEnd + iChunk * 16;
                    int iTo = Math.min(iHi, iFrom + 16);
                    for (int iTile = iFrom; iTile < iTo; iTile += TILE_I) {
                        for (int i = iTile; i < Math.min(iTile + TILE_I, iTo); i++) {
                            FloatVector cV = FloatVector.broadcast(SPECIES, (float) (0.0f));
                            for (int j = jLo; j < jEnd; j += colStep) {
                                FloatVector sumAcc002 = cV;
                                FloatVector sumAcc012 = cV;
                                for (int k = 0; k < n; k++) {
                                    FloatVector aV9 = FloatVector.broadcast(SPECIES, (float) a[i * n + k]);
                                    FloatVector bV3 = FloatVector.fromArray(SPECIES, b, k * n + j);
                                    FloatVector bV4 = FloatVector.fromArray(SPECIES, b, k * n + j + 1 * lanes);
                                    sumAcc002 = aV9.fma(bV3, sumAcc002);
                                    sumAcc012 = aV9.fma(bV4, sumAcc012);
                                }
                                sumAcc002.intoArray(c, i * n + j);
                                sumAcc012.intoArray(c, i * n + j + 1 * lanes);
                            }
                        }
                    }
                });
            }
            IntStream.range(0, (n + 15) / 16).parallel().forEach(iChunk2 -> {
                int iFrom2 = iChunk2 * 16;
                int iTo2 = Math.min(n, iFrom2 + 16);
                for (int i = iFrom2; i < iTo2; i++) {
                    for (int j = jEnd; j < n; j++) {
                        c[i * n + j] = 0.0f;
                    }
                    for (int j = jEnd; j < n; j++) {
                        for (int k = 0; k < n; k++) {
                            c[i * n + j] += a[i * n + k] * b[k * n + j];
                        }
                    }
                }
            });
        }
    }
    // EVOLVE-BLOCK-END
}
