package dev.evolve.eval.aparapi;

import dev.evolve.eval.worker.WorkerEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment of a worker that runs OpenCL: the minimal one ({@code LANG}) plus what an
 * OpenCL driver reads, passed through from the engine when set, and a kernel cache for PoCL that
 * all workers share (PoCL keys it by kernel source, so the seed is built once a machine). No API
 * key or engine setting is among them.
 *
 * <ul>
 *   <li>{@code PATH}: PoCL runs the system linker ({@code ld}) to build each kernel, and aborts without it;</li>
 *   <li>{@code HOME}: drivers keep caches and settings there (NVIDIA's compute cache, PoCL's default cache);</li>
 *   <li>{@code LD_LIBRARY_PATH}: where a vendor's driver libraries live when not in the system's paths;</li>
 *   <li>{@code OCL_ICD_VENDORS}, {@code OCL_ICD_FILENAMES}: where the ICD loader finds the drivers;</li>
 *   <li>{@code CUDA_VISIBLE_DEVICES}, {@code ROCR_VISIBLE_DEVICES}, {@code GPU_DEVICE_ORDINAL}: which GPUs a driver shows;</li>
 *   <li>every {@code POCL_*} variable (devices, thread count, cache); {@code POCL_CACHE_DIR} defaults to
 *       {@code poclCache}.</li>
 * </ul>
 */
final class OpenCLWorkerEnvironment {

    static final List<String> PASSED = List.of("PATH", "HOME", "LD_LIBRARY_PATH", "OCL_ICD_VENDORS", "OCL_ICD_FILENAMES",
            "CUDA_VISIBLE_DEVICES", "ROCR_VISIBLE_DEVICES", "GPU_DEVICE_ORDINAL");

    private OpenCLWorkerEnvironment() {
    }

    static WorkerEnvironment sharingPoclCache(Path poclCache) {
        String cache = poclCache.toAbsolutePath().toString();
        return engine -> {
            Map<String, String> env = new TreeMap<>(WorkerEnvironment.minimal().variables(engine));
            for (String name : PASSED) {
                String value = engine.get(name);
                if (value != null) {
                    env.put(name, value);
                }
            }
            engine.forEach((name, value) -> {
                if (name.startsWith("POCL_")) {
                    env.put(name, value);
                }
            });
            env.putIfAbsent("POCL_CACHE_DIR", cache);
            return Map.copyOf(env);
        };
    }
}
