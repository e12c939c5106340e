package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker whose engine dies exits by itself, even while its candidate spins. In bubblewrap (the
 * default where it works) the engine's child is {@code bwrap} and the worker JVM runs below it in
 * its own PID namespace, where its watchdog sees bwrap's init as its parent: there
 * {@code --die-with-parent} takes the sandbox down, and every process below it goes too.
 */
class OrphanWorkerTest {

    @Test
    void workerHaltsWhenItsParentIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process parent = new ProcessBuilder(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            var lines = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("WORKER ")) {
                // skip anything else
            }
            assertThat(line).as("the parent reports its worker").isNotNull();
            long pid = Long.parseLong(line.substring("WORKER ".length()).trim());
            Optional<ProcessHandle> worker = ProcessHandle.of(pid);
            assertThat(worker).as("the worker runs").isPresent();
            assertThat(worker.get().parent().map(ProcessHandle::pid)).contains(parent.pid());
            Thread.sleep(300); // let the candidate start spinning
            List<ProcessHandle> below = worker.get().descendants().toList();
            if (dev.evolve.eval.sandbox.SandboxPolicy.current().sandbox()
                    instanceof dev.evolve.eval.sandbox.Bubblewrap) {
                assertThat(below).as("the worker JVM inside the sandbox").isNotEmpty();
            }

            parent.destroyForcibly();
            parent.waitFor();

            worker.get().onExit().get(10, TimeUnit.SECONDS);
            assertThat(worker.get().isAlive()).isFalse();
            for (ProcessHandle p : below) {
                p.onExit().get(10, TimeUnit.SECONDS);
                assertThat(p.isAlive()).as("process " + p.pid() + " below the worker").isFalse();
            }
        } finally {
            parent.destroyForcibly();
        }
    }
}
