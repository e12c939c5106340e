import dev.evolve.kernels.custom.ArrayKernel;

/** C = transpose(A) * A: C[i][j] = sum over k of A[k][i] * A[k][j], with A = in[0] (n x n, row-major). */
public final class Ata implements ArrayKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] a = in[0];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0.0;
                for (int k = 0; k < n; k++) {
                    sum += a[k * n + i] * a[k * n + j];
                }
                out[i * n + j] = sum;
            }
        }
    }
    // EVOLVE-BLOCK-END
}
