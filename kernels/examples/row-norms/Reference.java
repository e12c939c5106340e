import dev.evolve.kernels.custom.ArrayKernel;

/** The trusted row norms: each row's squares summed in order, then the square root. */
public final class Reference implements ArrayKernel {
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] a = in[0];
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * a[i * n + j];
            }
            out[i] = Math.sqrt(s);
        }
    }
}
