package dev.evolve.eval;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's output stream on a daemon thread and keeps a bounded part of it: its first
 * bytes ({@link #head}: a worker's candidate output, where the first error says most) or its last
 * ({@link #tail}: an evaluator command, whose verdict is its last line). Draining never stops, so a
 * flooding process cannot block on a full pipe, and what was dropped is said in {@link #text()}.
 */
public final class StreamCapture {

    /** What is kept of the bytes that went by. */
    private sealed interface Kept {
        void write(byte[] buf, int n);

        void reset();

        String text();
    }

    /** The first {@code limit} bytes since the last reset, and a count of the rest. */
    private static final class Head implements Kept {
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        Head(int limit) {
            this.limit = limit;
        }

        @Override public void write(byte[] buf, int n) {
            int keep = Math.max(0, Math.min(limit - kept.size(), n));
            kept.write(buf, 0, keep);
            dropped += n - keep;
        }

        @Override public void reset() {
            kept.reset();
            dropped = 0;
        }

        @Override public String text() {
            String s = kept.toString(StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[output truncated: " + dropped + " more bytes]";
        }
    }

    /** The last {@code limit} bytes, in a ring. */
    private static final class Tail implements Kept {
        private final byte[] ring;
        private long total;

        Tail(int limit) {
            this.ring = new byte[limit];
        }

        @Override public void write(byte[] buf, int n) {
            for (int i = 0; i < n; i++) {
                ring[(int) (total++ % ring.length)] = buf[i];
            }
        }

        @Override public void reset() {
            total = 0;
        }

        /** When output was dropped, the text starts at the next full line and says how much went. */
        @Override public String text() {
            int kept = (int) Math.min(total, ring.length);
            byte[] out = new byte[kept];
            long from = total - kept;
            for (int i = 0; i < kept; i++) {
                out[i] = ring[(int) ((from + i) % ring.length)];
            }
            String s = new String(out, StandardCharsets.UTF_8);
            if (from == 0) {
                return s;
            }
            int newline = s.indexOf('\n');
            String tail = newline >= 0 ? s.substring(newline + 1) : s;
            return "[" + (from + (newline >= 0 ? newline + 1 : 0)) + " earlier bytes dropped]\n" + tail;
        }
    }

    private final Kept kept;
    private final Thread pump;

    private StreamCapture(InputStream source, Kept kept, String name) {
        this.kept = kept;
        this.pump = new Thread(() -> drain(source), name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Keeps the first {@code limit} bytes since the last {@link #reset()}. */
    public static StreamCapture head(InputStream source, int limit, String threadName) {
        return new StreamCapture(source, new Head(limit), threadName);
    }

    /** Keeps the last {@code limit} bytes. */
    public static StreamCapture tail(InputStream source, int limit, String threadName) {
        return new StreamCapture(source, new Tail(limit), threadName);
    }

    private void drain(InputStream source) {
        byte[] buf = new byte[8192];
        try (source) {
            int n;
            while ((n = source.read(buf)) >= 0) {
                synchronized (this) {
                    kept.write(buf, n);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Forgets what was kept (a worker's next candidate starts with an empty capture). */
    public synchronized void reset() {
        kept.reset();
    }

    /**
     * Waits up to {@code millis} for the stream to end (after the process died) so no output is lost;
     * a grandchild holding the pipe open must not hold the caller up longer.
     */
    public void awaitEnd(long millis) throws InterruptedException {
        pump.join(millis);
    }

    public synchronized String text() {
        return kept.text();
    }
}
