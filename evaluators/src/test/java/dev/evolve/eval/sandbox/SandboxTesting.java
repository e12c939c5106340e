package dev.evolve.eval.sandbox;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
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
}
