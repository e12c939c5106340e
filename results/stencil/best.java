import dev.evolve.kernels.stencil.StencilKernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** One 5-point Jacobi step on an n x n row-major grid; the boundary is copied. */
public final class Stencil implements StencilKernel {
    // EVOLVE-BLOCK-START
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private static final int TILE_I = 8;

    @Override
    public void step(double[] in, double[] out, int n) {
        if (0 < n) {
            IntStream.range(0, (n + 3) / 4).parallel().forEach(jChunk -> {
                int jFrom = jChunk * 4;
                int jTo = Math.min(n, jFrom + 4);
                int jVec = (jFrom) + SPECIES.loopBound(jTo - (jFrom));
                for (int j = jFrom; j < jVec; j += SPECIES.length()) {
                    DoubleVector.fromArray(SPECIES, in, 0 * n + j).intoArray(out, 0 * n + j);
                }
                for (int j = jVec; j < jTo; j++) {
                    out[0 * n + j] = in[0 * n + j];
                }
            });
        }
        IntStream.range(0, (((((n - 1)) - 1 + TILE_I - 1) / TILE_I) + (Math.max(1, 16 / TILE_I)) - 1) / (Math.max(1, 16 / TILE_I))).parallel().forEach(iTileChunk -> {
            int iTileFrom = 1 + iTileChunk * (Math.max(1, 16 / TILE_I)) * TILE_I;
            int iTileTo = Math.min(((n - 1)), iTileFrom + (Math.max(1, 16 / TILE_I)) * TILE_I);
            for (int iTile = iTileFrom; iTile < iTileTo; iTile += TILE_I) {
                for (int i = iTile; i < Math.min(iTile + TILE_I, (n - 1)); i++) {
                    if (0 < n) {
                        out[i * n + 0] = in[i * n + 0];
                    }
                    DoubleVector kV = DoubleVector.broadcast(SPECIES, 0.25);
                    int jVec2 = (1) + SPECIES.loopBound((n - 1) - (1));
                    for (int j = 1; j < jVec2; j += SPECIES.length()) {
                        kV.mul(DoubleVector.fromArray(SPECIES, in, (i - 1) * n + j).add(DoubleVector.fromArray(SPECIES, in, (i + 1) * n + j)).add(DoubleVector.fromArray(SPECIES, in, i * n + j - 1)).add(DoubleVector.fromArray(SPECIES, in, i * n + j + 1))).intoArray(out, i * n + j);
                    }
                    for (int j = jVec2; j < n - 1; j++) {
                        out[i * n + j] = 0.25 * (in[(i - 1) * n + j] + in[(i + 1) * n + j] + in[i * n + j - 1] + in[i * n + j + 1]);
                    }
                    if (n - 1 > 0) {
                        out[i * n + (n - 1)] = in[i * n + (n - 1)];
                    }
                }
            }
        });
        if (n - 1 > 0) {
            int jVec3 = SPECIES.loopBound(n);
            for (int j = 0; j < jVec3; j += SPECIES.length()) {
                DoubleVector.fromArray(SPECIES, in, (n - 1) * n + j).intoArray(out, (n - 1) * n + j);
            }
            for (int j = jVec3; j < n; j++) {
                out[(n - 1) * n + j] = in[(n - 1) * n + j];
            }
        }
    }
    // EVOLVE-BLOCK-END
}
