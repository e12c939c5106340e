package dev.evolve.bench.compare;

import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Targets;

/** Test support: variants of the dot seed written as files under a results folder. */
final class Sources {

    private Sources() {
    }

    /** A correct dot variant with two accumulators. */
    static String twoAccumulatorDot() {
        return withBody("""
                    @Override
                    public double dot(double[] x, double[] y, int n) {
                        double s0 = 0.0;
                        double s1 = 0.0;
                        int i = 0;
                        for (; i + 1 < n; i += 2) {
                            s0 += x[i] * y[i];
                            s1 += x[i + 1] * y[i + 1];
                        }
                        for (; i < n; i++) {
                            s0 += x[i] * y[i];
                        }
                        return s0 + s1;
                    }
                """);
    }

    /** A dot variant that leaves out the last element: wrong for every n. */
    static String wrongDot() {
        return withBody("""
                    @Override
                    public double dot(double[] x, double[] y, int n) {
                        double sum = 0.0;
                        for (int i = 0; i < n - 1; i++) {
                            sum += x[i] * y[i];
                        }
                        return sum;
                    }
                """);
    }

    private static String withBody(String body) {
        return EvolveBlock.of(Targets.require("dot").seedSource()).orElseThrow().withBody(body);
    }
}
