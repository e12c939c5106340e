package dev.evolve.eval.sandbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Bubblewrap for tests that need it, or a skipped test that says why (CI installs it). */
public final class SandboxTesting {

    private SandboxTesting() {
    }

    /** The working bubblewrap of this machine; aborts (skips) the calling test when there is none. */
    public static Bubblewrap bubblewrap() {
        SandboxPolicy.Probe probe = SandboxPolicy.probe();
        if (probe.bubblewrap().isEmpty()) {
            Assumptions.abort("sandbox test skipped: " + probe.message());
        }
        return probe.bubblewrap().get();
    }

    /** Whether this JVM runs as root (the kernel does not bound a root process's count with RLIMIT_NPROC). */
    public static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Whether a connection reaches {@code server} within its accept timeout (accepted and closed). */
    public static boolean connectionArrives(ServerSocket server) throws IOException {
        try {
            server.accept().close();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Whether a process with {@code marker} among its arguments is still alive after {@code wait}
     * (looked for every 20 ms; false as soon as none is left).
     */
    public static boolean markedProcessOutlives(String marker, Duration wait) throws InterruptedException {
        boolean survivor = true;
        for (long i = 0, polls = wait.toMillis() / 20; i < polls && survivor; i++) {
            survivor = ProcessHandle.allProcesses().anyMatch(p -> p.info().arguments()
                    .map(a -> List.of(a).contains(marker)).orElse(false));
            Thread.sleep(20);
        }
        return survivor;
    }
}
