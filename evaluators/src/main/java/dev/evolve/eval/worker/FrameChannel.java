package dev.evolve.eval.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Length-prefixed JSON frames:
 * {@code magic (int) | token (long) | sequence (long) | nonce (long) | length (int) | JSON bytes}.
 * The token is a random number the engine hands each worker at start; a frame without the magic
 * and the token (for example bytes a candidate wrote to the protocol stream) is reported as
 * {@link CorruptFrameException}, never parsed as a reply.
 *
 * <p>The token keeps stray bytes out; it is no secret from a candidate that controls its worker
 * JVM (it can read the token and a request from its own memory). The sequence number and the
 * nonce (fresh from the engine's {@link java.security.SecureRandom} for every request) are echoed in
 * the reply, so the engine matches each reply to its request: a reply left queued from an earlier
 * request, or any frame nobody asked for, is out of step and retires the worker. What a reply says
 * is still the worker's word; the engine verifies the outputs of timed runs itself.
 */
final class FrameChannel {

    static final int MAGIC = 0x45564F4C; // "EVOL"
    /** Replies carry class bytes at most; anything larger is corruption. */
    static final int MAX_FRAME = 64 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final DataInputStream in;
    private final DataOutputStream out;
    private final long token;

    FrameChannel(InputStream in, OutputStream out, long token) {
        this.in = in == null ? null : new DataInputStream(in);
        this.out = out == null ? null : new DataOutputStream(out);
        this.token = token;
    }

    /** One frame: the sequence number and nonce of the request it belongs to, and the message. */
    record Frame<T>(long sequence, long nonce, T message) {
    }

    /** A frame broke the format: the stream cannot be trusted any more. */
    static final class CorruptFrameException extends IOException {
        CorruptFrameException(String message) {
            super(message);
        }
    }

    /** Loads and links the JSON mapping of both message types, so the first real frame is fast. */
    static void warmUp() {
        try {
            byte[] request = JSON.writeValueAsBytes(WorkerRequest.check(java.util.List.of(1), 0L));
            JSON.readValue(request, WorkerRequest.class);
            JSON.readValue(JSON.writeValueAsBytes(WorkerReply.passed(0)), WorkerReply.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes a frame outside any request (sequence and nonce 0): the worker's greeting, tests. */
    void write(Object message) throws IOException {
        write(message, 0, 0);
    }

    void write(Object message, long sequence, long nonce) throws IOException {
        byte[] body = JSON.writeValueAsBytes(message);
        synchronized (out) {
            out.writeInt(MAGIC);
            out.writeLong(token);
            out.writeLong(sequence);
            out.writeLong(nonce);
            out.writeInt(body.length);
            out.write(body);
            out.flush();
        }
    }

    /** The next frame's message, or {@link EOFException} at a clean end of stream. */
    <T> T read(Class<T> type) throws IOException {
        return readFrame(type).message();
    }

    /** The next frame, or {@link EOFException} at a clean end of stream. */
    <T> Frame<T> readFrame(Class<T> type) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new CorruptFrameException(String.format("bad frame magic 0x%08x", magic));
        }
        if (in.readLong() != token) {
            throw new CorruptFrameException("bad frame token");
        }
        long sequence = in.readLong();
        long nonce = in.readLong();
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new CorruptFrameException("bad frame length " + length);
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new EOFException("stream ended inside a frame");
        }
        return new Frame<>(sequence, nonce, JSON.readValue(body, type));
    }
}
