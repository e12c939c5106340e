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
            int colStep = 1 * lanes;
            int iEnd = iLo + (iHi - iLo) / 8 * 8;
            int jEnd = jLo + (jHi - jLo) / colStep * colStep;
            {
                IntStream.range(0, (iEnd - iLo) / 8).parallel().forEach(iBlock -> {
                    int i = iLo + iBlock * 8;
                    FloatVector cV = FloatVector.broadcast(SPECIES, (float) (0.0f));
                    int iN = i * n;
                    for (int j = jLo; j < jEnd; j += colStep) {
                        FloatVector sumAcc00 = cV;
                        FloatVector sumAcc10 = cV;
                        FloatVector sumAcc20 = cV;
                        FloatVector sumAcc30 = cV;
                        FloatVector sumAcc40 = cV;
                        FloatVector sumAcc50 = cV;
                        FloatVector sumAcc60 = cV;
                        FloatVector sumAcc70 = cV;
                        for (int k = 0; k < n; k++) {
                            FloatVector aV = FloatVector.broadcast(SPECIES, (float) a[iN + k]);
                            FloatVector bV = FloatVector.fromArray(SPECIES, b, k * n + j);
                            FloatVector aV2 = FloatVector.broadcast(SPECIES, (float) a[(i + 1) * n + k]);
                            FloatVector aV3 = FloatVector.broadcast(SPECIES, (float) a[(i + 2) * n + k]);
                            FloatVector aV4 = FloatVector.broadcast(SPECIES, (float) a[(i + 3) * n + k]);
                            FloatVector aV5 = FloatVector.broadcast(SPECIES, (float) a[(i + 4) * n + k]);
                            FloatVector aV6 = FloatVector.broadcast(SPECIES, (float) a[(i + 5) * n + k]);
                            FloatVector aV7 = FloatVector.broadcast(SPECIES, (float) a[(i + 6) * n + k]);
                            FloatVector aV8 = FloatVector.broadcast(SPECIES, (float) a[(i + 7) * n + k]);
                            sumAcc00 = aV.fma(bV, sumAcc00);
                            sumAcc10 = aV2.fma(bV, sumAcc10);
                            sumAcc20 = aV3.fma(bV, sumAcc20);
                            sumAcc30 = aV4.fma(bV, sumAcc30);
                            sumAcc40 = aV5.fma(bV, sumAcc40);
                            sumAcc50 = aV6.fma(bV, sumAcc50);
                            sumAcc60 = aV7.fma(bV, sumAcc60);
                            sumAcc70 = aV8.fma(bV, sumAcc70);
                        }
                        sumAcc00.intoArray(c, iN + j);
                        sumAcc10.intoArray(c, (i + 1) * n + j);
                        sumAcc20.intoArray(c, (i + 2) * n + j);
                        sumAcc30.intoArray(c, (i + 3) * n + j);
                        sumAcc40.intoArray(c, (i + 4) * n + j);
                        sumAcc50.intoArray(c, (i + 5) * n + j);
                        sumAcc60.intoArray(c, (i + 6) * n + j);
                        sumAcc70.intoArray(c, (i + 7) * n + j);
                    }
                });
                IntStream.range(0, (((iHi - iEnd + TILE_I - 1) / TILE_I) + (Math.max(1, 4 / TILE_I)) - 1) / (Math.max(1, 4 / TILE_I))).parallel().forEach(iTileChunk -> {
                    int iTileFrom = iEnd + iTileChunk * (Math.max(1, 4 / TILE_I)) * TILE_I;
                    int iTileTo = Math.min(iHi, iTileFrom + (Math.max(1, 4 / TILE_I)) * TILE_I);
                    for (int iTile = iTileFrom; iTile < iTileTo; iTile += TILE_I) {
                        for (int i = iTile; i < Math.min(iTile + TILE_I, iHi); i++) {
                            FloatVector cV = FloatVector.broadcast(SPECIES, (float) (0.0f));
                            int iN2 = i * n;
                            for (int j = jLo; j < jEnd; j += colStep) {
                                FloatVector sumAcc002 = cV;
                                for (int k = 0; k < n; k++) {
                                    FloatVector aV9 = FloatVector.broadcast(SPECIES, (float) a[iN2 + k]);
                                    FloatVector bV2 = FloatVector.fromArray(SPECIES, b, k * n + j);
                                    sumAcc002 = aV9.fma(bV2, sumAcc002);
                                }
                                sumAcc002.intoArray(c, iN2 + j);
                            }
                        }
                    }
                });
            }
            IntStream.range(0, ((n - jEnd) + 15) / 16).parallel().forEach(jChunk -> {
                int jFrom = jEnd + jChunk * 16;
                int jTo = Math.min(n, jFrom + 16);
                for (int j = jFrom; j < jTo; j++) {
                    for (int iT = 0; iT < n; iT += 16) {
                        for (int i = iT; i < Math.min(iT + 16, n); i++) {
                            int iN3 = i * n;
                            float sum = 0.0f;
                            for (int k = 0; k < n; k++) {
                                sum += a[iN3 + k] * b[k * n + j];
                            }
                            c[iN3 + j] = sum;
                        }
                    }
                }
            });
        }
    }
    // EVOLVE-BLOCK-END
}
