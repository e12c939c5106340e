package dev.evolve.eval.opencl;

import dev.evolve.eval.accel.AcceleratorBackend;
import dev.evolve.eval.accel.AcceleratorConfig;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * OpenCL through JOCL: any installed OpenCL platform (PoCL on the CPU, a GPU vendor's driver).
 * No driver is loaded in the calling process: discovery runs in a child JVM
 * ({@link OpenClDevices#discover()}), and kernels are built and run in worker processes.
 */
public final class OpenClBackend implements AcceleratorBackend {

    private final Path cacheDir;

    /** Kernels cached in {@link OpenClWorkers#defaultCacheDir()}. */
    public OpenClBackend() {
        this(OpenClWorkers.defaultCacheDir());
    }

    /** Kernels cached in {@code cacheDir} (PoCL's {@code POCL_CACHE_DIR} of every worker). */
    public OpenClBackend(Path cacheDir) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir");
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public List<String> targets() {
        return OpenClTargets.all().stream().map(OpenClTarget::name).toList();
    }

    @Override
    public Discovery discover() {
        return OpenClDevices.discover();
    }

    @Override
    public OpenClEvaluator evaluator(String target, AcceleratorDevice device, AcceleratorConfig config) {
        return evaluator(OpenClTargets.require(target), device, config);
    }

    /** An evaluator for {@code target} as given (for instance timed at another size). */
    public OpenClEvaluator evaluator(OpenClTarget target, AcceleratorDevice device, AcceleratorConfig config) {
        if (!"opencl".equals(device.backend())) {
            throw new IllegalArgumentException("device " + device.id() + " belongs to backend " + device.backend());
        }
        return OpenClEvaluator.create(target, device, config, cacheDir);
    }
}
