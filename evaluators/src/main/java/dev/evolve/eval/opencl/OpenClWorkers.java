package dev.evolve.eval.opencl;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.worker.WorkerEnvironment;
import dev.evolve.eval.worker.WorkerLaunch;
import dev.evolve.eval.worker.WorkerMain;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How OpenCL worker processes are started: the Java worker launch with the OpenCL request
 * handler, the device id, native access for JOCL ({@code --enable-native-access=ALL-UNNAMED}: the
 * whole class path, since it is all the unnamed module; the candidate is OpenCL C and calls no Java),
 * and an environment that carries what OpenCL drivers need and nothing else. In the OS sandbox
 * the workers also see the GPU device nodes and may write PoCL's kernel cache folder.
 */
public final class OpenClWorkers {

    /**
     * Engine variables a worker inherits as they are, when set: where the ICD loader and drivers
     * look, and PATH (PoCL links each kernel with the system's {@code ld}; without PATH it aborts).
     */
    static final Set<String> PASSED = Set.of("PATH", "HOME", "LD_LIBRARY_PATH", "OCL_ICD_VENDORS", "OCL_ICD_FILENAMES",
            "OPENCL_VENDOR_PATH", "CUDA_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "GPU_DEVICE_ORDINAL",
            "XDG_CACHE_HOME");
    /** Variables with this prefix pass too (PoCL's settings, e.g. POCL_MAX_PTHREAD_COUNT), except the cache folder. */
    static final String POCL_PREFIX = "POCL_";

    private OpenClWorkers() {
    }

    /**
     * Workers for {@code device}: this JVM's java and class path, {@code heapMiB} of heap, PoCL's
     * kernel cache in {@code cacheDir}. No ahead-of-time cache (the workers do not run javac).
     */
    public static WorkerLaunch launch(AcceleratorDevice device, int heapMiB, Path cacheDir) {
        WorkerLaunch java = WorkerLaunch.fromThisJvm(heapMiB, Runtime.getRuntime().availableProcessors());
        List<String> options = List.of(
                "-D" + WorkerMain.HANDLER_PROPERTY + "=" + OpenClRequestHandler.class.getName(),
                "-D" + OpenClRequestHandler.DEVICE_PROPERTY + "=" + device.id(),
                "--enable-native-access=ALL-UNNAMED");
        return new WorkerLaunch(java.javaExecutable(), java.classPath(), heapMiB, java.processors(),
                environment(cacheDir), java.tempRoot(), options, false);
    }

    /** {@code LANG}, the driver variables of {@link #PASSED} and {@code POCL_*}, and {@code POCL_CACHE_DIR=cacheDir}. */
    public static WorkerEnvironment environment(Path cacheDir) {
        String cache = cacheDir.toAbsolutePath().toString();
        return engine -> {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("LANG", "C.UTF-8");
            engine.forEach((k, v) -> {
                if (PASSED.contains(k) || (k.startsWith(POCL_PREFIX) && !k.equals("POCL_CACHE_DIR"))) {
                    env.put(k, v);
                }
            });
            env.put("POCL_CACHE_DIR", cache);
            return env;
        };
    }

    /**
     * Where compiled kernels are cached between runs: {@code $POCL_CACHE_DIR} when set, else
     * {@code ~/.cache/evolve/pocl}. PoCL keys its cache by source, options and device, so a
     * variant built once is not built again.
     */
    public static Path defaultCacheDir() {
        String set = System.getenv("POCL_CACHE_DIR");
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "evolve", "pocl");
    }
}
