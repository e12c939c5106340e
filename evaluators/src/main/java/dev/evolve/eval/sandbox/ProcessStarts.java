package dev.evolve.eval.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts the processes that run untrusted code, all from one thread that lives as long as the JVM.
 *
 * <p>bubblewrap's {@code --die-with-parent} is the kernel's parent-death signal, and Linux sends
 * it when the <em>thread</em> that started the process ends, not when the process does. A worker
 * started from a pooled thread (a cached pool ends a thread after a minute idle) would be killed
 * with that thread, in the middle of whatever candidate it was running then. Starting every
 * process here keeps the signal for what it is meant for: the engine's death.
 */
public final class ProcessStarts {

    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "evolve-process-launcher");
        t.setDaemon(true);
        return t;
    });

    private ProcessStarts() {
    }

    /**
     * {@code builder.start()}, on the launcher thread. An interrupt of the caller is kept for
     * later rather than abandoning a start under way, which would leave a process nobody holds.
     *
     * @throws IOException as {@link ProcessBuilder#start()} does
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        Future<Process> started = LAUNCHER.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException("cannot start " + builder.command().getFirst(), cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Kills every process {@code process} started that is still attached to it, then the process,
     * all with SIGKILL (the children first, so none is re-parented and escapes the tree), and waits
     * for the process itself; an interrupt while waiting is kept for later.
     * (Killing closes the process's streams: only for a process whose output no longer matters.)
     */
    public static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
