package dev.evolve.eval.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Entry point of a worker process (started by {@link LocalWorkerPool}; not for people to run).
 * Requests go to a {@link RequestHandler}: Java candidates by default, another kind of candidate
 * when {@value #HANDLER_PROPERTY} names a handler.
 *
 * <p>Stdin carries requests, the original stdout ({@link FileDescriptor#out}, captured before
 * anything else runs) carries replies, and {@code System.out}/{@code System.err} are redirected
 * to stderr, which the engine drains into a bounded buffer: candidate output cannot reach the
 * protocol stream through the standard streams (a candidate that reaches fd 1 some other way
 * only gets its worker retired: see {@link FrameChannel}). A daemon watchdog halts the process once the
 * engine that started it is gone, even while a candidate spins on the main thread.
 */
public final class WorkerMain {

    private static final long WATCHDOG_PERIOD_MS = 500;
    /** Set to {@code true} for workers that compile nothing (plug-in hosts): no javac warm-up at start. */
    public static final String NO_COMPILER_PROPERTY = "evolve.worker.noCompiler";

    /**
     * System property naming the {@link RequestHandler} class a worker runs requests with; unset,
     * it compiles and runs Java candidates. A launch sets it through
     * {@link WorkerLaunch#extraJvmOptions()}.
     */
    public static final String HANDLER_PROPERTY = "evolve.worker.handler";

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        var protocolOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        var console = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(console);
        System.setErr(console);
        startWatchdog();

        // javac's cold start dominates a worker's start: run it beside the protocol's own warm-up
        // (workers that host evaluator plug-ins compile nothing and skip it)
        RequestHandler runner = handler();
        Thread warmCompiler = Thread.ofPlatform().name("evolve-warm-up").start(
                Boolean.getBoolean(NO_COMPILER_PROPERTY) ? () -> { } : runner::warmUp);
        FrameChannel.warmUp();

        var in = new BufferedInputStream(System.in, 1 << 16);
        long token;
        try {
            token = new DataInputStream(in).readLong();
        } catch (EOFException e) {
            Runtime.getRuntime().halt(0);
            return;
        }
        System.setIn(java.io.InputStream.nullInputStream());
        var channel = new FrameChannel(in, protocolOut, token);
        try {
            warmCompiler.join();
        } catch (InterruptedException e) {
            Runtime.getRuntime().halt(1);
        }
        channel.write(WorkerReply.ready(ProcessHandle.current().pid()));
        while (true) {
            FrameChannel.Frame<WorkerRequest> frame;
            try {
                frame = channel.readFrame(WorkerRequest.class);
            } catch (EOFException e) {
                Runtime.getRuntime().halt(0); // the engine closed our stdin: retired
                return;
            }
            WorkerRequest request = frame.message();
            WorkerReply reply;
            try {
                reply = runner.handle(request);
            } catch (RuntimeException e) {
                reply = WorkerReply.error("worker failed on " + request.stage() + ": " + e);
            }
            // the reply names its request: the engine refuses any other frame as out of step
            channel.write(reply, frame.sequence(), frame.nonce());
        }
    }

    /**
     * The handler named by the system property {@value #HANDLER_PROPERTY} (a public class with a
     * public no-arg constructor), or the Java candidate runner when it is not set.
     */
    private static RequestHandler handler() {
        String name = System.getProperty(HANDLER_PROPERTY);
        if (name == null || name.isBlank()) {
            return new CandidateRunner();
        }
        try {
            return (RequestHandler) Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            System.err.println("evolve worker: cannot create request handler " + name + ": " + e);
            Runtime.getRuntime().halt(3);
            return null;
        }
    }

    /**
     * Halts once the parent process is gone. {@link ProcessHandle#isAlive()} compares start times,
     * so a recycled pid does not keep an orphan alive. The worker deletes its own private directory
     * first, since the engine that would have done it is gone.
     */
    private static void startWatchdog() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        Thread watchdog = new Thread(() -> {
            while (true) {
                if (parent == null || !parent.isAlive()) {
                    String dir = System.getProperty("evolve.worker.dir");
                    if (dir != null) {
                        PrivateDirectory.deleteQuietly(Path.of(dir));
                    }
                    Runtime.getRuntime().halt(0);
                }
                try {
                    Thread.sleep(WATCHDOG_PERIOD_MS);
                } catch (InterruptedException e) {
                    // only the halt ends this thread
                }
            }
        }, "evolve-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.setPriority(Thread.MAX_PRIORITY);
        watchdog.start();
    }
}
