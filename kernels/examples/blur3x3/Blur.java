import dev.evolve.kernels.custom.ArrayKernel;

/** A 3 x 3 binomial blur of the n x n image in[0]; the border is copied unchanged. */
public final class Blur implements ArrayKernel {
    // EVOLVE-BLOCK-START
    @Override
    public void run(int n, double[][] in, double[] out) {
        double[] img = in[0];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (i == 0 || j == 0 || i == n - 1 || j == n - 1) {
                    out[i * n + j] = img[i * n + j];
                } else {
                    double s = 0.0;
                    for (int di = -1; di <= 1; di++) {
                        for (int dj = -1; dj <= 1; dj++) {
                            double w = (2 - Math.abs(di)) * (2 - Math.abs(dj));
                            s += w * img[(i + di) * n + (j + dj)];
                        }
                    }
                    out[i * n + j] = s / 16.0;
                }
            }
        }
    }
    // EVOLVE-BLOCK-END
}
