package dev.evolve.eval.aparapi;

import com.aparapi.Kernel;

/** A trivial kernel a worker runs once, so that Aparapi and the OpenCL driver start before the first candidate. */
final class WarmUpKernel extends Kernel {
    final float[] out = new float[64];

    @Override
    public void run() {
        int i = getGlobalId();
        out[i] = i * 2.0f;
    }
}
