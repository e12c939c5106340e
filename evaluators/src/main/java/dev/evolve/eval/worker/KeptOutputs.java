package dev.evolve.eval.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of one timing's samples, kept in the worker (encoded by {@link ArrayBytes}) until the
 * engine has picked which of them it verifies. Bounded by {@code budgetBytes}: past it the oldest
 * are dropped (their digest becomes {@code ""} and the engine picks among the rest); the newest
 * sample is always kept.
 */
final class KeptOutputs {

    /** A quarter of the heap, at most 256 MiB: with a 1 GiB worker, every sample of matmul up to n = 1024. */
    static long budget() {
        return Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 4);
    }

    private final long budgetBytes;
    private final Map<Integer, byte[]> kept = new HashMap<>();
    private final List<Integer> order = new ArrayList<>();
    private final Map<Integer, String> digests = new HashMap<>();
    private long bytes;

    KeptOutputs(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Keeps a copy of sample {@code sample}'s output. */
    void keep(int sample, Object output) {
        byte[] copy = ArrayBytes.encode(output);
        kept.put(sample, copy);
        order.add(sample);
        digests.put(sample, ArrayBytes.digest(copy));
        bytes += copy.length;
        while (bytes > budgetBytes && order.size() > 1) {
            int oldest = order.removeFirst();
            bytes -= kept.remove(oldest).length;
            digests.put(oldest, "");
        }
    }

    /** One digest per sample taken, {@code ""} where the output was dropped. */
    List<String> digests(int samples) {
        List<String> out = new ArrayList<>(samples);
        for (int i = 0; i < samples; i++) {
            out.add(digests.getOrDefault(i, ""));
        }
        return out;
    }

    /** The kept output of {@code sample}, or null. */
    byte[] get(int sample) {
        return kept.get(sample);
    }
}
