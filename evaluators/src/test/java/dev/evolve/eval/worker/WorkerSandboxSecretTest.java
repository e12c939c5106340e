package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.sandbox.SandboxTesting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine's environment (API keys) out of a candidate's reach: a stand-in engine JVM with a
 * secret variable runs a candidate that reads every {@code /proc/<pid>/environ} it can. Without
 * the sandbox the secret comes back (the engine is the worker's parent, same user); with
 * bubblewrap the worker has its own PID namespace and the secret appears nowhere.
 */
class WorkerSandboxSecretTest {

    static final String SECRET = "sk-evolve-test-" + Long.toHexString(System.nanoTime());

    static String engineOutput(String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        var builder = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), SecretEngineMain.class.getName(), mode))
                .redirectErrorStream(true);
        builder.environment().put("EVOLVE_TEST_API_KEY", SECRET);
        Process engine = builder.start();
        try {
            byte[] out = engine.getInputStream().readAllBytes();
            assertThat(engine.waitFor(120, TimeUnit.SECONDS)).isTrue();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            engine.destroyForcibly();
        }
    }

    @Test
    void theEnginesEnvironmentIsOutOfTheCandidatesReach() throws Exception {
        SandboxTesting.bubblewrap();

        String plain = engineOutput("process");
        String boxed = engineOutput("bwrap");

        assertThat(plain).as("without the sandbox the attack works").contains("READ").contains(SECRET);
        assertThat(boxed).contains("READ").contains("LANG=C.UTF-8").doesNotContain(SECRET)
                .doesNotContain("EVOLVE_TEST_API_KEY");
    }
}
