package dev.evolve.eval.cascade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One timed candidate at a time per machine: an in-process semaphore (threads of this JVM) plus
 * an OS file lock (other engine processes on the machine). Compilation and checks do not take
 * the lane. One lane per lock file and JVM, because a JVM cannot hold two locks on one file.
 *
 * <pre>{@code
 * try (BenchLane.Permit p = BenchLane.machineWide().enter()) { time(); }
 * }</pre>
 */
public final class BenchLane {

    /** The lock file name in {@code java.io.tmpdir} shared by every engine on the machine. */
    public static final String LOCK_FILE = "evolve-bench.lock";

    private static final Map<Path, BenchLane> LANES = new ConcurrentHashMap<>();

    private final Path lockFile;
    private final Semaphore inProcess = new Semaphore(1, true);
    /** Compile and check work takes one permit, timing all of them: a fair gate, so timing is never starved. */
    private static final int GATE = 1 << 16;
    private final Semaphore gate = new Semaphore(GATE, true);

    private BenchLane(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** The lane of this machine: {@code java.io.tmpdir/evolve-bench.lock}. */
    public static BenchLane machineWide() {
        return at(Path.of(System.getProperty("java.io.tmpdir"), LOCK_FILE));
    }

    /** The lane guarded by {@code lockFile} (the same instance for the same file). */
    public static BenchLane at(Path lockFile) {
        return LANES.computeIfAbsent(lockFile.toAbsolutePath().normalize(), BenchLane::new);
    }

    public Path lockFile() {
        return lockFile;
    }

    /** Waits for the lane; the permit releases both locks on close. Shared work in this JVM may go on. */
    public Permit enter() throws InterruptedException {
        return enter(false);
    }

    /**
     * Waits for the lane and for all shared work in this JVM to finish, and holds further shared
     * work back until the permit is closed: on a small machine a compilation beside a timed run
     * takes a core from it.
     */
    public Permit enterExclusive() throws InterruptedException {
        return enter(true);
    }

    private Permit enter(boolean exclusive) throws InterruptedException {
        inProcess.acquire();
        boolean gated = false;
        try {
            if (exclusive) {
                gate.acquire(GATE);
                gated = true;
            }
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                return new Permit(channel, channel.lock(), exclusive);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            release(gated);
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        } catch (RuntimeException | InterruptedException e) {
            release(gated);
            throw e;
        }
    }

    private void release(boolean gated) {
        if (gated) {
            gate.release(GATE);
        }
        inProcess.release();
    }

    /**
     * Shared work (compilation, correctness checks) that must not run while an exclusive timing
     * does; many shared permits may be held at once.
     */
    public Shared shared() throws InterruptedException {
        gate.acquire();
        return gate::release;
    }

    /** A shared permit; closing it twice releases twice, so close it once (try-with-resources). */
    @FunctionalInterface
    public interface Shared extends AutoCloseable {
        @Override
        void close();
    }

    /** Holding the lane. */
    public final class Permit implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;
        private final boolean exclusive;
        private boolean released;

        private Permit(FileChannel channel, FileLock lock, boolean exclusive) {
            this.channel = channel;
            this.lock = lock;
            this.exclusive = exclusive;
        }

        @Override
        public void close() {
            if (released) {
                return;
            }
            released = true;
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                release(exclusive);
            }
        }
    }
}
