package dev.evolve.eval.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's output on a daemon thread and keeps its last {@code limit} bytes: the verdict
 * of an evaluator command is its last JSON line, and the end of an error output says most. Draining
 * never stops, so a flooding process cannot block on a full pipe.
 */
final class TailCapture {

    private final byte[] ring;
    private long total;
    private final Thread pump;

    TailCapture(InputStream source, int limit, String name) {
        this.ring = new byte[limit];
        this.pump = new Thread(() -> drain(source), name);
        pump.setDaemon(true);
        pump.start();
    }

    private void drain(InputStream source) {
        byte[] buf = new byte[8192];
        try (source) {
            int n;
            while ((n = source.read(buf)) >= 0) {
                synchronized (this) {
                    for (int i = 0; i < n; i++) {
                        ring[(int) (total++ % ring.length)] = buf[i];
                    }
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Waits up to {@code millis} for the stream to end (a grandchild holding the pipe open must not hold us up). */
    void awaitEnd(long millis) throws InterruptedException {
        pump.join(millis);
    }

    /** The kept text; when output was dropped, it starts at the next full line and says how much went. */
    synchronized String text() {
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
