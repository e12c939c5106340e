import com.aparapi.Kernel;
import com.aparapi.Range;
import dev.evolve.kernels.matmulf32.MatmulF32Kernel;

/**
 * Single-precision C = A * B for square row-major matrices of order n, as an Aparapi kernel that
 * runs on an OpenCL device: each work-item computes elements of C.
 */
public final class MatmulAparapi extends Kernel implements MatmulF32Kernel {
    private float[] a;
    private float[] b;
    private float[] c;
    private int n;

    /** Binds the matrices and runs the kernel over {@code range(n)}; returns once C is written. */
    @Override
    public void multiply(float[] a, float[] b, float[] c, int n) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.n = n;
        execute(range(n));
    }

    // EVOLVE-BLOCK-START
    /** Work-items per work-group. */
    static final int LOCAL = 16;

    /** The launch: one work-item per element of C, rounded up to a whole number of work-groups. */
    Range range(int n) {
        int global = (n * n + LOCAL - 1) / LOCAL * LOCAL;
        return Range.create(global, LOCAL);
    }

    /** One element of C: row i, column j. */
    @Override
    public void run() {
        int id = getGlobalId();
        if (id < n * n) {
            int i = id / n;
            int j = id % n;
            float sum = 0.0f;
            for (int k = 0; k < n; k++) {
                sum += a[i * n + k] * b[k * n + j];
            }
            c[id] = sum;
        }
    }
    // EVOLVE-BLOCK-END
}
