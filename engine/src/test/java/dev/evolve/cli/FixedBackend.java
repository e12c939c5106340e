package dev.evolve.cli;

import dev.evolve.eval.VariantEvaluator;
import dev.evolve.eval.accel.AcceleratorBackend;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import java.util.List;

/** An OpenCL backend that reports what it is given: the seam between a command and the machine. */
record FixedBackend(Discovery discovery) implements AcceleratorBackend {
    @Override public String name() { return "opencl"; }
    @Override public List<String> targets() { return List.of(); }
    @Override public Discovery discover() { return discovery; }
    @Override public VariantEvaluator evaluator(String t, AcceleratorDevice d, AcceleratorConfig c) {
        throw new UnsupportedOperationException("a fixed backend makes no evaluator");
    }
}
