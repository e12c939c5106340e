import com.aparapi.Kernel;
import com.aparapi.Range;
import dev.evolve.kernels.matvec.MatvecKernel;

/**
 * Double-precision y = A * x for a square row-major matrix of order n, as an Aparapi kernel that
 * runs on an OpenCL device (which must support fp64): each work-item computes elements of y.
 */
public final class MatvecAparapi extends Kernel implements MatvecKernel {
    private double[] a;
    private double[] x;
    private double[] y;
    private int n;

    /** Binds the operands and runs the kernel over {@code range(n)}; returns once y is written. */
    @Override
    public void multiply(double[] a, double[] x, double[] y, int n) {
        this.a = a;
        this.x = x;
        this.y = y;
        this.n = n;
        execute(range(n));
    }

    // EVOLVE-BLOCK-START
    /** Work-items per work-group. */
    static final int LOCAL = 16;

    /** The launch: one work-item per row, rounded up to a whole number of work-groups. */
    Range range(int n) {
        int global = (n + LOCAL - 1) / LOCAL * LOCAL;
        return Range.create(global, LOCAL);
    }

    /** One element of y: the dot product of row i with x. */
    @Override
    public void run() {
        int i = getGlobalId();
        if (i < n) {
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += a[i * n + j] * x[j];
            }
            y[i] = sum;
        }
    }
    // EVOLVE-BLOCK-END
}
