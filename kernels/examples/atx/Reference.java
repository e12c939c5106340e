import dev.evolve.kernels.custom.ArrayKernel;

/**
 * The trusted transpose(A) * x, sequential and plain. It walks A row by row (out[j] += A[i][j] * x[i]
 * for i in order), which adds the same terms in the same order as the column-wise definition, and
 * is fast enough that making the inputs of a timed run costs little.
 */
public final class Reference implements ArrayKernel {
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] a = in[0];
        double[] x = in[1];
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            for (int j = 0; j < n; j++) {
                out[j] += a[i * n + j] * xi;
            }
        }
    }
}
