import dev.evolve.kernels.custom.ArrayKernel;

/** out[i] = sqrt(sum over j of A[i][j]^2), with A = in[0] (n x n, row-major), walked column by column. */
public final class RowNorms implements ArrayKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] a = in[0];
        java.util.Arrays.fill(out, 0, n, 0.0);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                out[i] += a[i * n + j] * a[i * n + j];
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = Math.sqrt(out[i]);
        }
    }
    // EVOLVE-BLOCK-END
}
