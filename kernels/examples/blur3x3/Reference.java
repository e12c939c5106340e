import dev.evolve.kernels.custom.ArrayKernel;

/** The trusted blur: the nine weighted terms of each interior pixel in the definition's order, row by row. */
public final class Reference implements ArrayKernel {
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] img = in[0];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == 0 || j == 0 || i == n - 1 || j == n - 1) {
                    out[i * n + j] = img[i * n + j];
                    continue;
                }
                double s = 0.0;
                for (int di = -1; di <= 1; di++) {
                    for (int dj = -1; dj <= 1; dj++) {
                        s += (2 - Math.abs(di)) * (2 - Math.abs(dj)) * img[(i + di) * n + (j + dj)];
                    }
                }
                out[i * n + j] = s / 16.0;
            }
        }
    }
}
