import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Single-precision C = A * B for square row-major matrices of order n. */
public final class MatmulF32 implements MatmulF32Kernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static final int TILE_K = 128;

    private static final int TILE_I = 16;

    @Override
    public void multiply(float[] a, float[] b, float[] c, int n) {
        IntStream.range(0, (n + 63) / 64).parallel().forEach(iChunk -> {
            int iFrom = iChunk * 64;
            int iTo = Math.min(n, iFrom + 64);
            for (int iTile = iFrom; iTile < iTo; iTile += TILE_I) {
                for (int i = iTile; i < Math.min(iTile + TILE_I, iTo); i++) {
                    int iN = i * n;
                    FloatVector kV = FloatVector.broadcast(SPECIES, 0.0f);
                    int jVec = SPECIES.loopBound(n);
                    for (int j = 0; j < jVec; j += SPECIES.length()) {
                        kV.intoArray(c, iN + j);
                    }
                    for (int j = jVec; j < n; j++) {
                        c[iN + j] = 0.0f;
                    }
                    for (int kTile = 0; kTile < n; kTile += TILE_K) {
                        for (int k = kTile; k < Math.min(kTile + TILE_K, n); k++) {
                            FloatVector sV = FloatVector.broadcast(SPECIES, a[iN + k]);
                            int jVec2 = SPECIES.loopBound(n);
                            int kN = k * n;
                            for (int j = 0; j < jVec2; j += SPECIES.length()) {
                                sV.fma(FloatVector.fromArray(SPECIES, b, kN + j), FloatVector.fromArray(SPECIES, c, iN + j)).intoArray(c, iN + j);
                            }
                            float aik = a[iN + k];
                            int jUnrolled = (jVec2) + (n - (jVec2)) / 8 * 8;
                            for (int j = jVec2; j < jUnrolled; j += 8) {
                                c[iN + j] += aik * b[kN + j];
                                c[iN + (j + 1)] += aik * b[kN + (j + 1)];
                                c[iN + (j + 2)] += aik * b[kN + (j + 2)];
                                c[iN + (j + 3)] += aik * b[kN + (j + 3)];
                                c[iN + (j + 4)] += aik * b[kN + (j + 4)];
                                c[iN + (j + 5)] += aik * b[kN + (j + 5)];
                                c[iN + (j + 6)] += aik * b[kN + (j + 6)];
                                c[iN + (j + 7)] += aik * b[kN + (j + 7)];
                            }
                            for (int j = jUnrolled; j < n; j++) {
                                c[iN + j] += aik * b[kN + j];
                            }
                        }
                    }
                }
            }
        });
    }
    // EVOLVE-BLOCK-END
}
