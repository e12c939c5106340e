package dev.evolve.kernels.custom;

/**
 * The contract of a custom array kernel: reads the input arrays and writes every element of the
 * output. Both the seed of a custom target and its trusted reference implement it.
 *
 * <pre>{@code
 * public final class Saxpy implements ArrayKernel {
 *     // EVOLVE-BLOCK-START
 *     @Override
 *     public void run(int n, double[][] in, double[] out) {
 *         double a = in[0][0];
 *         for (int i = 0; i < n; i++) {
 *             out[i] = a * in[1][i] + in[2][i];
 *         }
 *     }
 *     // EVOLVE-BLOCK-END
 * }
 * }</pre>
 */
public interface ArrayKernel {

    /**
     * Computes the output for problem size {@code n}.
     *
     * @param n   the problem size the lengths in the target's spec are expressions of
     * @param in  the inputs, in the order the spec lists them; a kernel must not change them
     * @param out the output; its contents on entry are noise, and every element must be written
     */
    void run(int n, double[][] in, double[] out);
}
