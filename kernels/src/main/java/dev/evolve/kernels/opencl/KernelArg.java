package dev.evolve.kernels.opencl;

import java.util.Objects;

/**
 * One argument of a kernel launch, in parameter order. Buffers are single-precision; the host
 * owns the arrays: it copies inputs to the device, and reads outputs back into
 * {@link FloatOutput#data()} before the problem verifies them.
 */
public sealed interface KernelArg {

    /** The parameter's name in the seed, for messages. */
    String name();

    /** A {@code __global const float*} the kernel reads and must not write. */
    record FloatInput(String name, float[] data) implements KernelArg {
        public FloatInput {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A {@code __global float*} the kernel must fully overwrite; the problem fills it with noise first. */
    record FloatOutput(String name, float[] data) implements KernelArg {
        public FloatOutput {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A {@code const int} passed by value. */
    record IntValue(String name, int value) implements KernelArg {
        public IntValue {
            Objects.requireNonNull(name, "name");
        }
    }
}
