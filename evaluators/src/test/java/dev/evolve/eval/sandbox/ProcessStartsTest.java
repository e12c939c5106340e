package dev.evolve.eval.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandboxed process outlives the thread that asked for it: bubblewrap's parent-death signal
 * follows the starting thread, so starting from pooled threads killed workers when those threads
 * ended (a minute idle).
 */
class ProcessStartsTest {

    @TempDir
    Path dir;

    /**
     * Starts {@code sleep 30} in a sandbox from a thread that ends a second later (once bubblewrap
     * has armed its parent-death signal: a thread that ends sooner is missed by it).
     */
    private Process startFromShortLivedThread(boolean throughLauncher) throws Exception {
        Bubblewrap bwrap = SandboxTesting.bubblewrap();
        var builder = new ProcessBuilder(bwrap.wrap(List.of("/bin/sleep", "30"), Confinement.of(dir)))
                .directory(dir.toFile());
        AtomicReference<Process> started = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                started.set(throughLauncher ? ProcessStarts.start(builder) : builder.start());
                Thread.sleep(1000);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        t.join();
        assertThat(failed.get()).isNull();
        return started.get();
    }

    /** Whether {@code p} ends within {@code wait}; it is killed afterwards either way. */
    private static boolean endsWithin(Process p, Duration wait) throws InterruptedException {
        try {
            return p.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessStartedThroughTheLauncherLivesOnWhenTheAskingThreadEnds() throws Exception {
        assertThat(endsWithin(startFromShortLivedThread(true), Duration.ofMillis(1500)))
                .as("the sandbox died with the thread that asked").isFalse();
    }

    @Test
    void controlAProcessStartedDirectlyDiesWithItsStartingThread() throws Exception {
        assertThat(endsWithin(startFromShortLivedThread(false), Duration.ofSeconds(5)))
                .as("the parent-death signal follows the starting thread").isTrue();
    }
}
