package dev.evolve.eval.accel;

import dev.evolve.eval.VariantEvaluator;
import java.util.List;

/**
 * A way to run kernels on accelerators: it lists the machine's devices and makes an evaluator
 * that builds, runs, checks and times variants of a target on one of them, in worker processes
 * that are killed past their deadline.
 *
 * <pre>{@code
 * AcceleratorBackend opencl = new OpenClBackend();
 * if (opencl.discover() instanceof Discovery.Devices found) {
 *     AcceleratorDevice device = DeviceSelector.select(found.devices(), "pocl");
 *     try (VariantEvaluator eval = opencl.evaluator("matmul-opencl", device, AcceleratorConfig.defaults())) {
 *         EvaluationOutcome outcome = eval.evaluate(source);
 *     }
 * }
 * }</pre>
 *
 * <p>The one implementation is OpenCL through JOCL ({@code dev.evolve.eval.opencl.OpenClBackend}):
 * a user installs an OpenCL driver (PoCL for CPUs: Debian's {@code pocl-opencl-icd
 * ocl-icd-libopencl1}; or a GPU vendor's driver). Other backends would fit the same seam:
 * <ul>
 *   <li><b>TornadoVM</b>: variants are Java methods annotated with {@code @Parallel}/{@code @Reduce}
 *       and run through a {@code TaskGraph}; {@link #discover()} would read TornadoVM's runtime
 *       devices, and the worker processes would have to run on TornadoVM's own JDK build with its
 *       drivers (OpenCL, PTX or SPIR-V), which the user installs from TornadoVM's distribution
 *       (it is not served by Maven Central).</li>
 *   <li><b>CUDA</b> (through JCuda, or the Java foreign-function API over the driver API):
 *       variants are CUDA C kernels compiled with NVRTC, launched with grid and block sizes from
 *       knobs, timed with CUDA events; it needs an NVIDIA GPU, its driver and the CUDA toolkit's
 *       NVRTC library.</li>
 * </ul>
 * Neither exists in this code base; each would implement these three methods and keep the same
 * outcomes, worker isolation and timing rules.
 */
public interface AcceleratorBackend {

    /** The backend's name, e.g. {@code opencl}. */
    String name();

    /** The names of the targets this backend evaluates. */
    List<String> targets();

    /** The devices on this machine, or why there are none. Never throws. */
    Discovery discover();

    /**
     * The device a {@code --device} value names ({@link DeviceSelector}; null for the default).
     *
     * @throws NoDeviceException        when the machine has none (the message says what to install)
     * @throws IllegalArgumentException when {@code spec} names none (the message lists the devices)
     */
    default AcceleratorDevice select(String spec) {
        return switch (discover()) {
            case Discovery.Devices found -> DeviceSelector.select(found.devices(), spec);
            case Discovery.Unavailable none -> throw new NoDeviceException(name() + ": " + none.message());
        };
    }

    /**
     * An evaluator for variants of {@code target} on {@code device}; its worker processes start
     * now, in the background. The seed is timed like any variant, once, before the first
     * speedup is reported.
     *
     * @throws IllegalArgumentException for a target this backend does not know
     */
    VariantEvaluator evaluator(String target, AcceleratorDevice device, AcceleratorConfig config);
}
