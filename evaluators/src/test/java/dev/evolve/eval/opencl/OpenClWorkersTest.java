package dev.evolve.eval.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.worker.WorkerMain;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenClWorkersTest {

    @Test
    void workersSeeDriverVariablesAndTheirCacheButNoSecrets() {
        Map<String, String> engine = Map.of("PATH", "/usr/bin", "HOME", "/home/u", "OCL_ICD_VENDORS", "/etc/vendors",
                "POCL_MAX_PTHREAD_COUNT", "2", "POCL_CACHE_DIR", "/elsewhere", "OPENAI_API_KEY", "sk-secret",
                "EVOLVE_TOKEN", "t");
        Map<String, String> env = OpenClWorkers.environment(Path.of("/tmp/cache")).variables(engine);
        assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("HOME", "/home/u")
                .containsEntry("OCL_ICD_VENDORS", "/etc/vendors").containsEntry("POCL_MAX_PTHREAD_COUNT", "2")
                .containsEntry("POCL_CACHE_DIR", "/tmp/cache").containsEntry("LANG", "C.UTF-8")
                .doesNotContainKeys("OPENAI_API_KEY", "EVOLVE_TOKEN");
    }

    @Test
    void theLaunchNamesTheHandlerAndTheDevice() {
        var device = new AcceleratorDevice("opencl", "1:2", "p", "d", "GPU", 1, 1, 1, 1, "");
        var launch = OpenClWorkers.launch(device, 256, Path.of("/tmp/cache"));
        assertThat(launch.extraJvmOptions()).contains(
                "-D" + WorkerMain.HANDLER_PROPERTY + "=" + OpenClRequestHandler.class.getName(),
                "-D" + OpenClRequestHandler.DEVICE_PROPERTY + "=1:2");
        assertThat(launch.heapMiB()).isEqualTo(256);
        assertThat(launch.useAotCache()).isFalse();
    }
}
