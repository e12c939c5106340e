package dev.evolve.eval.aparapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenCLWorkerEnvironmentTest {

    @Test
    void passesWhatTheDriverNeedsAndNothingElse() {
        var engine = Map.of(
                "OPENAI_API_KEY", "sk-1", "EVOLVE_MODEL", "x", "AWS_SECRET_ACCESS_KEY", "s",
                "PATH", "/usr/bin:/bin", "HOME", "/home/u", "OCL_ICD_VENDORS", "/etc/OpenCL/vendors",
                "POCL_MAX_PTHREAD_COUNT", "2", "LD_LIBRARY_PATH", "/opt/cuda/lib64");

        var env = OpenCLWorkerEnvironment.sharingPoclCache(Path.of("/tmp/cache")).variables(engine);

        assertThat(env).containsOnly(
                Map.entry("LANG", "C.UTF-8"), Map.entry("PATH", "/usr/bin:/bin"), Map.entry("HOME", "/home/u"),
                Map.entry("OCL_ICD_VENDORS", "/etc/OpenCL/vendors"), Map.entry("POCL_MAX_PTHREAD_COUNT", "2"),
                Map.entry("LD_LIBRARY_PATH", "/opt/cuda/lib64"), Map.entry("POCL_CACHE_DIR", "/tmp/cache"));
    }

    @Test
    void aPoclCacheTheUserChoseIsKept() {
        var env = OpenCLWorkerEnvironment.sharingPoclCache(Path.of("/tmp/cache"))
                .variables(Map.of("POCL_CACHE_DIR", "/var/cache/pocl"));

        assertThat(env).containsEntry("POCL_CACHE_DIR", "/var/cache/pocl").doesNotContainKey("PATH");
    }
}
