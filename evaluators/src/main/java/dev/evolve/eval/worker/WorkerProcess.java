package dev.evolve.eval.worker;

import dev.evolve.eval.StreamCapture;
import dev.evolve.eval.sandbox.ProcessStarts;
import java.io.EOFException;
import java.io.IOException;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The engine's handle on one worker JVM: its process, private directory, protocol channel, a
 * reader thread that turns reply frames into queue entries (so a wait can time out), and the
 * stderr capture. Used by one thread at a time (the lease holder).
 *
 * <p>Every request gets the next sequence number and a fresh random nonce; the one reply accepted
 * is the next frame, carrying both. A frame queued before a request is sent (left by an earlier
 * request, or written by a thread a candidate left behind), a reply with another sequence number
 * or nonce, or a corrupt frame retires the worker ({@link WorkerResponse.Died}, with the reason):
 * a stream out of step is never read further.
 */
final class WorkerProcess {

    /** Bytes of a candidate's output (its stdout and stderr) kept per candidate. */
    static final int OUTPUT_LIMIT = 64 * 1024;

    private static final SecureRandom TOKENS = new SecureRandom();
    private static final long EXIT_WAIT_MS = 2000;

    private final Process process;
    private final Path dir;
    private final FrameChannel channel;
    private final StreamCapture output;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private int candidates;
    private long sequence;
    private volatile String protocolBreak;

    /** A broken reply stream: end of stream or a corrupt frame. */
    private record Broken(IOException cause) {
    }

    private WorkerProcess(Process process, Path dir, long token) {
        this.process = process;
        this.dir = dir;
        this.channel = new FrameChannel(process.getInputStream(), process.getOutputStream(), token);
        this.output = StreamCapture.head(process.getErrorStream(), OUTPUT_LIMIT,
                "evolve-worker-output-" + process.pid());
        Thread reader = new Thread(this::readReplies, "evolve-worker-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a worker and waits until it reports ready (its compiler warm). */
    static WorkerProcess start(WorkerLaunch launch, Duration readyTimeout) throws IOException, InterruptedException {
        return start(launch, List.of(), readyTimeout);
    }

    /** Starts a worker with {@code moreOptions} on its command line. */
    static WorkerProcess start(WorkerLaunch launch, List<String> moreOptions, Duration readyTimeout)
            throws IOException, InterruptedException {
        Path dir = PrivateDirectory.create(launch.tempRoot());
        Process process;
        try {
            var builder = new ProcessBuilder(launch.command(dir, moreOptions)).directory(dir.toFile());
            var env = builder.environment();
            var engineEnv = Map.copyOf(env);
            env.clear();
            env.putAll(launch.environment().variables(engineEnv));
            process = ProcessStarts.start(builder);
        } catch (IOException | RuntimeException e) {
            PrivateDirectory.deleteQuietly(dir);
            throw e;
        }
        long token = TOKENS.nextLong();
        var worker = new WorkerProcess(process, dir, token);
        try {
            // the token goes through the pipe, not the command line
            OutputStream raw = process.getOutputStream();
            new DataOutputStream(raw).writeLong(token);
            raw.flush();
            Object first = worker.inbox.poll(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!(first instanceof FrameChannel.Frame<?> f) || !(f.message() instanceof WorkerReply r)
                    || r.kind() != WorkerReply.Kind.READY) {
                String why = first == null ? "not ready within " + readyTimeout.toMillis() + " ms" : "did not start: " + first;
                worker.kill();
                throw new IOException("worker " + why + "; output: " + worker.output.text());
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            worker.kill();
            throw e;
        }
        return worker;
    }

    private void readReplies() {
        while (true) {
            try {
                inbox.add(channel.readFrame(WorkerReply.class));
            } catch (IOException e) {
                inbox.add(new Broken(e));
                return;
            } catch (RuntimeException e) {
                inbox.add(new Broken(new IOException(e)));
                return;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return dir;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int candidates() {
        return candidates;
    }

    /** Alive, and no frame waits that nobody asked for: fit to take a request. */
    boolean quiet() {
        return protocolBreak == null && inbox.isEmpty() && process.isAlive();
    }

    /** Why the worker was retired for breaking the protocol (a stale, extra or corrupt frame); null if it did not. */
    String protocolBreak() {
        return protocolBreak;
    }

    /**
     * One request, one reply within {@code limit}. On {@link WorkerResponse.Overran} and
     * {@link WorkerResponse.Died} the process has been killed already.
     */
    WorkerResponse call(WorkerRequest request, Duration limit) throws InterruptedException {
        if (request.stage() == WorkerRequest.Stage.COMPILE || request.stage() == WorkerRequest.Stage.SCORE) {
            candidates++;
            output.reset();
        }
        Object stale = inbox.peek();
        if (stale != null && !(stale instanceof Broken b && b.cause() instanceof EOFException)) {
            return outOfStep("a frame nobody asked for was waiting before the " + request.stage() + " request: "
                    + describe(stale));
        }
        long seq = ++sequence;
        long nonce = nextNonce();
        try {
            channel.write(request, seq, nonce);
        } catch (IOException e) {
            return died("the worker's input closed: " + e.getMessage());
        }
        Object answer = inbox.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
        if (answer == null) {
            kill();
            return new WorkerResponse.Overran(limit);
        }
        if (answer instanceof Broken broken) {
            if (!(broken.cause() instanceof EOFException)) {
                // a corrupt stream: nothing more it says can be trusted, and it need not end by itself
                return outOfStep("the worker broke the protocol: " + broken.cause().getMessage());
            }
            return died("the worker process ended");
        }
        FrameChannel.Frame<?> frame = (FrameChannel.Frame<?>) answer;
        if (frame.sequence() != seq || frame.nonce() != nonce) {
            return outOfStep("a reply out of step with the " + request.stage() + " request (" + describe(frame) + ")");
        }
        return new WorkerResponse.Replied((WorkerReply) frame.message(), "");
    }

    private static long nextNonce() {
        long n;
        do {
            n = TOKENS.nextLong();
        } while (n == 0);   // 0 marks frames outside any request
        return n;
    }

    private static String describe(Object queued) {
        return switch (queued) {
            case FrameChannel.Frame<?> f when f.message() instanceof WorkerReply r ->
                    r.kind() + " reply with sequence number " + f.sequence();
            case Broken b -> String.valueOf(b.cause().getMessage());
            default -> String.valueOf(queued);
        };
    }

    /** Retires the worker for a broken protocol: killed at once, never read again. */
    private WorkerResponse outOfStep(String reason) throws InterruptedException {
        protocolBreak = reason;
        kill();
        return died(reason);
    }

    private WorkerResponse died(String reason) throws InterruptedException {
        int exit;
        if (process.waitFor(EXIT_WAIT_MS, TimeUnit.MILLISECONDS)) {
            exit = process.exitValue();
        } else {
            kill();
            exit = process.exitValue();
        }
        killAndDrain();
        return new WorkerResponse.Died(exit, reason, output.text());
    }

    /** Kills the process and waits for its output to end, so the capture is complete. */
    String killAndDrain() throws InterruptedException {
        kill();
        output.awaitEnd(500); // a grandchild holding the pipe open must not hold us up
        return output.text();
    }

    /** Closes the worker's input (it exits by itself) and waits; kills it past {@code timeout}. */
    void stopGracefully(Duration timeout) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        kill();
    }

    /** SIGKILL (with whatever it started), wait for the process to go, delete the private directory. Idempotent. */
    void kill() {
        ProcessStarts.killTree(process);
        PrivateDirectory.deleteQuietly(dir);
    }
}
