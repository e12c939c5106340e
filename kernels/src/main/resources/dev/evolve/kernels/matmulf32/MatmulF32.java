import dev.evolve.kernels.matmulf32.MatmulF32Kernel;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Single-precision C = A * B for square row-major matrices of order n. */
public final class MatmulF32 implements MatmulF32Kernel {
    // EVOLVE-BLOCK-START
    @Override
    public void multiply(float[] a, float[] b, float[] c, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0.0f;
                for (int k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * n + j];
                }
                c[i * n + j] = sum;
            }
        }
    }
    // EVOLVE-BLOCK-END
}
