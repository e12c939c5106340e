package dev.evolve.eval.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a worker's stderr (where candidate stdout and stderr go) on a daemon thread, keeping
 * the first {@code limit} bytes since the last {@link #reset()} and counting the rest. Draining
 * never stops, so a flooding candidate cannot block on a full pipe.
 */
final class OutputCapture {

    static final int DEFAULT_LIMIT = 64 * 1024;

    private final int limit;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;
    private final Thread pump;

    OutputCapture(InputStream source, int limit, String name) {
        this.limit = limit;
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
                    int room = limit - kept.size();
                    int keep = Math.max(0, Math.min(room, n));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    synchronized void reset() {
        kept.reset();
        dropped = 0;
    }

    /** Waits up to {@code millis} for the stream to end (after the process died) so no output is lost. */
    void awaitEnd(long millis) throws InterruptedException {
        pump.join(millis);
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? s : s + "\n[output truncated: " + dropped + " more bytes]";
    }
}
