package dev.evolve.eval.worker;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A primitive array as bytes, to carry a copy of a kernel's output from a worker to the engine:
 * one type byte, then the elements' raw bits (little-endian), so the copy is exact (NaN payloads
 * and signed zeros included) and compact in a frame. {@link #digest} binds a copy to what the
 * worker committed to earlier.
 */
public final class ArrayBytes {

    private static final byte DOUBLE = 'D';
    private static final byte FLOAT = 'F';
    private static final byte INT = 'I';
    private static final byte LONG = 'J';

    private ArrayBytes() {
    }

    /** The bytes of a {@code double[]}, {@code float[]}, {@code int[]} or {@code long[]}. */
    public static byte[] encode(Object array) {
        return switch (array) {
            case double[] a -> {
                ByteBuffer b = buffer(DOUBLE, a.length, Double.BYTES);
                b.asDoubleBuffer().put(a);
                yield b.array();
            }
            case float[] a -> {
                ByteBuffer b = buffer(FLOAT, a.length, Float.BYTES);
                b.asFloatBuffer().put(a);
                yield b.array();
            }
            case int[] a -> {
                ByteBuffer b = buffer(INT, a.length, Integer.BYTES);
                b.asIntBuffer().put(a);
                yield b.array();
            }
            case long[] a -> {
                ByteBuffer b = buffer(LONG, a.length, Long.BYTES);
                b.asLongBuffer().put(a);
                yield b.array();
            }
            case null, default -> throw new IllegalArgumentException("not a supported primitive array: " + array);
        };
    }

    /** A little-endian view after the type byte; its {@code array()} is the whole encoding. */
    private static ByteBuffer buffer(byte type, int length, int width) {
        byte[] bytes = new byte[1 + length * width];
        bytes[0] = type;
        return ByteBuffer.wrap(bytes, 1, length * width).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The array {@link #encode} wrote.
     *
     * @throws IllegalArgumentException when the bytes are no encoded array (a worker's bad copy)
     */
    public static Object decode(byte[] bytes) {
        if (bytes == null || bytes.length < 1) {
            throw new IllegalArgumentException("an encoded array has at least its type byte");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1).slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = bytes.length - 1;
        return switch (bytes[0]) {
            case DOUBLE -> {
                requireMultiple(n, Double.BYTES);
                double[] a = new double[n / Double.BYTES];
                b.asDoubleBuffer().get(a);
                yield a;
            }
            case FLOAT -> {
                requireMultiple(n, Float.BYTES);
                float[] a = new float[n / Float.BYTES];
                b.asFloatBuffer().get(a);
                yield a;
            }
            case INT -> {
                requireMultiple(n, Integer.BYTES);
                int[] a = new int[n / Integer.BYTES];
                b.asIntBuffer().get(a);
                yield a;
            }
            case LONG -> {
                requireMultiple(n, Long.BYTES);
                long[] a = new long[n / Long.BYTES];
                b.asLongBuffer().get(a);
                yield a;
            }
            default -> throw new IllegalArgumentException("unknown array type byte " + bytes[0]);
        };
    }

    private static void requireMultiple(int n, int width) {
        if (n % width != 0) {
            throw new IllegalArgumentException("an encoded array's length is no multiple of " + width + ": " + n);
        }
    }

    /** SHA-256 of the bytes, in hex. */
    public static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
