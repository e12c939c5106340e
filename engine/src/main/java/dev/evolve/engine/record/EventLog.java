package dev.evolve.engine.record;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;

/**
 * The run's event log: one {@link RunEvent} per line, written by {@link RunEventCodec} and flushed as
 * written, so that a killed run keeps every event up to its death. Appends on resume.
 */
public final class EventLog implements AutoCloseable {

    private final BufferedWriter out;
    private final InstantSource clock;

    public EventLog(Path file, InstantSource clock) {
        this.clock = clock;
        try {
            boolean tornLine = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file);
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (tornLine) {                       // a kill mid-write: end the torn line so later ones parse
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event log " + file, e);
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.READ)) {
            var last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    /** Writes one event. */
    public synchronized void log(RunEvent event) {
        try {
            out.write(RunEventCodec.write(clock.instant(), event));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
