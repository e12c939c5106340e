package dev.evolve.eval.aparapi;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelRunner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.bcel.Repository;

/**
 * Aparapi inside a worker JVM: starts it and the OpenCL driver once, keeps the warnings Aparapi
 * logs (through {@code java.util.logging}) while a kernel runs, and tells whether the kernel
 * really ran on an OpenCL device. One candidate runs at a time in a worker, so the warnings of
 * one run are those logged between {@link #beginRun()} and {@link #requireOpenCL}.
 *
 * <p>"Ran on OpenCL" means {@link Kernel#isRunningCL()} and a target device that is an
 * {@link OpenCLDevice} (GPU, CPU or accelerator) after the run. Aparapi 3's execution mode
 * ({@code getExecutionMode()}) says {@code AUTO} whatever happened, so it is not consulted.
 */
final class AparapiRuntime {

    /** The parent of Aparapi's loggers; held here because {@link Logger} keeps loggers weakly. */
    private static final Logger APARAPI_LOG = Logger.getLogger("com.aparapi");
    private static final int MAX_REASON_CHARS = 2000;
    /** Warnings Aparapi logs on every kernel that are no reason for a fallback. */
    private static final List<String> NOISE = List.of("Found unexpected Attribute",
            "does not contain a LocalVariableTable", "untested OpenCL platform", "Trying next device");

    private static final List<String> warnings = new ArrayList<>();
    private static boolean started;
    private static WeakReference<Class<?>> lastKernelClass = new WeakReference<>(null);
    private static volatile String startProblem;

    static {
        // Aparapi keeps built OpenCL programs under the kernel's class name, and every candidate has
        // the seed's class name: with that cache, the first candidate's program would serve them all.
        // The driver's own cache (PoCL's is keyed by the program's source) still spares repeat builds.
        KernelRunner.BINARY_CACHING_DISABLED = true;
        APARAPI_LOG.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() && record.getMessage() != null) {
                    synchronized (warnings) {
                        warnings.add(record.getMessage());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private AparapiRuntime() {
    }

    /**
     * Loads Aparapi's native library, opens the OpenCL platform and runs a trivial kernel, once
     * per JVM, so that the first candidate's check does not pay for it. Never throws: what goes
     * wrong is kept and given as the reason when a candidate then falls back.
     */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        try {
            Device best = KernelManager.instance().bestDevice();
            if (!(best instanceof OpenCLDevice)) {
                startProblem = "no OpenCL device is available (Aparapi's best device is " + describe(best)
                        + "); install an OpenCL driver (on a CPU: pocl-opencl-icd and ocl-icd-libopencl1)";
                return;
            }
            var warm = new WarmUpKernel();
            beginRun(warm);
            warm.execute(warm.out.length);
            if (!warm.isRunningCL()) {
                startProblem = "even a trivial kernel did not run on " + describe(best) + ": " + reason();
            }
            warm.dispose();
        } catch (Throwable t) {  // a broken driver or native library: every candidate will say so
            startProblem = "Aparapi could not start: " + t;
        }
    }

    /**
     * Forgets the warnings logged so far (what follows belongs to this run of {@code kernel}), and
     * the bytecode Aparapi read for an earlier candidate. Aparapi reads a kernel's class file
     * through BCEL's repository, which caches by class name: every candidate has the seed's class
     * name, so without this the first candidate's code would be translated for all of them.
     */
    static synchronized void beginRun(Kernel kernel) {
        Class<?> type = kernel.getClass();
        if (lastKernelClass.get() != type) {
            Repository.clearCache();
            lastKernelClass = new WeakReference<>(type);
        }
        synchronized (warnings) {
            warnings.clear();
        }
    }

    /** Throws {@link NotOnOpenCLException} when {@code kernel}'s last run was not on an OpenCL device. */
    static void requireOpenCL(Kernel kernel) {
        Device device = kernel.getTargetDevice();
        if (kernel.isRunningCL() && device instanceof OpenCLDevice) {
            return;
        }
        String where = device == null || device == JavaDevice.THREAD_POOL
                ? "the Java thread pool" : describe(device) + ", not an OpenCL device";
        throw new NotOnOpenCLException("fell back to " + where + ": " + reason());
    }

    /**
     * Aparapi's reason for the last fallback: what it logged when a device failed, else why it
     * could not start (no OpenCL device), else the last warning it logged.
     */
    static String reason() {
        List<String> seen;
        synchronized (warnings) {
            seen = List.copyOf(warnings);
        }
        String reason = null;
        for (String w : seen) {
            if (w.startsWith("Device failed for")) {
                int at = w.indexOf("}: ");      // "Device failed for C, devices={...}: <why>"
                reason = at >= 0 ? w.substring(at + 3) : w;
                break;
            }
        }
        if (reason == null) {
            reason = startProblem != null ? startProblem
                    : seen.stream().filter(w -> NOISE.stream().noneMatch(w::contains)).reduce((a, b) -> b)
                            .orElse("Aparapi logged no reason");
        }
        reason = reason.strip();
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
    }

    private static String describe(Device device) {
        if (device == null) {
            return "none";
        }
        return device instanceof OpenCLDevice cl ? cl.getShortDescription() + " (" + cl.getName() + ")"
                : device.getShortDescription();
    }
}
