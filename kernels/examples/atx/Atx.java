import dev.evolve.kernels.custom.ArrayKernel;

/** out = transpose(A) * x: out[j] = sum over i of A[i][j] * x[i], with A = in[0] (n x n, row-major) and x = in[1]. */
public final class Atx implements ArrayKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] a = in[0];
        double[] x = in[1];
        for (int j = 0; j < n; j++) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[i * n + j] * x[i];
            }
            out[j] = sum;
        }
    }
    // EVOLVE-BLOCK-END
}
