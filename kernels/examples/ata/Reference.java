import dev.evolve.kernels.custom.ArrayKernel;

/**
 * The trusted transpose(A) * A, sequential and plain. It walks A row by row (C[i][j] += A[k][i] *
 * A[k][j] for k in order), which adds the same terms in the same order as the definition and keeps
 * the reference cheap at the timing size.
 */
public final class Reference implements ArrayKernel {
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] a = in[0];
        java.util.Arrays.fill(out, 0, n * n, 0.0);
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                double aki = a[k * n + i];
                for (int j = 0; j < n; j++) {
                    out[i * n + j] += aki * a[k * n + j];
                }
            }
        }
    }
}
