package dev.evolve.kernels.opencl;

import java.util.SplittableRandom;

/** Seeded input arrays shared by the OpenCL targets. */
final class Inputs {

    private Inputs() {
    }

    /** {@code length} floats uniform in [-1, 1). */
    static float[] uniform(int length, SplittableRandom rnd) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) rnd.nextDouble(-1.0, 1.0);
        }
        return x;
    }
}
