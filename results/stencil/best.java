import dev.evolve.kernels.stencil.StencilKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** One 5-point Jacobi step on an n x n row-major grid; the boundary is copied. */
public final class Stencil implements StencilKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE_I = 32;

    @Override
    public void step(double[] in, double[] out, int n) {
        if (0 < n) {
            int i = 0;
            int iN = i * n;
            int jVec = SPECIES.loopBound(n);
            IntStream.range(0, (((jVec + (SPECIES.length()) - 1) / (SPECIES.length())) + 15) / 16).parallel().forEach(jChunk -> {
                int jFrom = jChunk * 16 * (SPECIES.length());
                int jTo = Math.min(jVec, jFrom + 16 * (SPECIES.length()));
                for (int j = jFrom; j < jTo; j += (SPECIES.length())) {
                    DoubleVector.fromArray(SPECIES, in, iN + j).intoArray(out, iN + j);
                }
            });
            IntStream.range(0, ((n - jVec) + 3) / 4).parallel().forEach(jChunk2 -> {
                int jFrom2 = jVec + jChunk2 * 4;
                int jTo2 = Math.min(n, jFrom2 + 4);
                int jVec4 = (jFrom2) + SPECIES.loopBound(jTo2 - (jFrom2));
                for (int j = jFrom2; j < jVec4; j += SPECIES.length()) {
                    DoubleVector.fromArray(SPECIES, in, iN + j).intoArray(out, iN + j);
                }
                for (int j = jVec4; j < jTo2; j++) {
                    out[iN + j] = in[iN + j];
                }
            });
        }
        IntStream.range(0, (((n - 1) - 1) + 3) / 4).parallel().forEach(iChunk -> {
            int iFrom = 1 + iChunk * 4;
            int iTo = Math.min((n - 1), iFrom + 4);
            for (int iTile = iFrom; iTile < iTo; iTile += TILE_I) {
                for (int i = iTile; i < Math.min(iTile + TILE_I, iTo); i++) {
                    if (0 < n) {
                        int j = 0;
                        out[i * n + j] = in[i * n + j];
                    }
                    int iN2 = i * n;
                    DoubleVector kV = DoubleVector.broadcast(SPECIES, 0.25);
                    int jVec2 = (1) + SPECIES.loopBound((n - 1) - (1));
                    for (int j = 1; j < jVec2; j += SPECIES.length()) {
                        kV.mul(DoubleVector.fromArray(SPECIES, in, (i - 1) * n + j).add(DoubleVector.fromArray(SPECIES, in, (i + 1) * n + j)).add(DoubleVector.fromArray(SPECIES, in, iN2 + j - 1)).add(DoubleVector.fromArray(SPECIES, in, iN2 + j + 1))).intoArray(out, iN2 + j);
                    }
                    for (int j = jVec2; j < n - 1; j++) {
                        out[iN2 + j] = 0.25 * (in[(i - 1) * n + j] + in[(i + 1) * n + j] + in[iN2 + j - 1] + in[iN2 + j + 1]);
                    }
                    if (n - 1 > 0) {
                        int j = n - 1;
                        out[iN2 + j] = in[iN2 + j];
                    }
                }
            }
        });
        if (n - 1 > 0) {
            int i = n - 1;
            int iN3 = i * n;
            int jVec3 = SPECIES.loopBound(n);
            for (int j = 0; j < jVec3; j += SPECIES.length()) {
                DoubleVector.fromArray(SPECIES, in, iN3 + j).intoArray(out, iN3 + j);
            }
            for (int j = jVec3; j < n; j++) {
                out[iN3 + j] = in[iN3 + j];
            }
        }
    }
    // EVOLVE-BLOCK-END
}
