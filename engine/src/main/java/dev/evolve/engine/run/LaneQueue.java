package dev.evolve.engine.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The model lane's asks in order. The loop makes the asks (numbered from 0, each with its parent, model, repair and
 * notes fixed then), at most {@code lookahead} past the last one it took back; model threads take them in that order
 * and settle each, with a child or with nothing; the loop takes them back in batches of {@code batch} consecutive
 * asks, once every ask of the batch is settled, in ask order.
 *
 * <p>So what the database holds when an ask is made depends only on the ask's number: asks are made between
 * episodes, when the batches taken so far are filed, and batch boundaries are fixed. So a replay of a recorded run
 * (the same replies, the same outcomes) gives the same parents, the same prompts and the same children, however many
 * requests are in flight and however the model's replies and the evaluations interleave. (A batch is cut short only when the lane may make no more asks:
 * its call allowance or its budget is spent.)
 *
 * @param <A> an ask
 * @param <T> what a settled ask gives: a child to evaluate
 */
final class LaneQueue<A, T> {

    private final int batch;
    private final int lookahead;
    private final BlockingQueue<Numbered<A>> asks = new LinkedBlockingQueue<>();
    // guarded by `this`: settled asks not taken back yet, with their child or none
    private final Map<Long, Optional<T>> settled = new HashMap<>();
    private long made;                                // guarded by `this`
    private long taken;                               // guarded by `this`

    /** An ask and its number. */
    record Numbered<A>(long number, A ask) {
    }

    /**
     * @param batch     asks taken back at once, at least 1
     * @param lookahead asks made past the last one taken back, at least {@code batch}
     */
    LaneQueue(int batch, int lookahead) {
        if (batch < 1 || lookahead < batch) {
            throw new IllegalArgumentException("batch " + batch + " and lookahead " + lookahead);
        }
        this.batch = batch;
        this.lookahead = lookahead;
    }

    int batch() {
        return batch;
    }

    /** How many asks the loop may make now. */
    synchronized int room() {
        return (int) Math.max(0, taken + lookahead - made);
    }

    /** Makes the next ask (the loop's thread). */
    synchronized void make(A ask) {
        asks.add(new Numbered<>(made++, ask));
    }

    /** The next ask for a model thread, or null after {@code wait}. */
    Numbered<A> next(Duration wait) throws InterruptedException {
        return asks.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A model thread is done with ask {@code number}: {@code result} is its child, or null for none; once only. */
    synchronized void settle(long number, T result) {
        if (number >= taken && settled.putIfAbsent(number, Optional.ofNullable(result)) == null) {
            notifyAll();
        }
    }

    /**
     * The next batch's children in ask order, waiting up to {@code wait} for its last asks; null when it is not
     * settled by then. {@code more} says whether the lane may still make asks: when it may not, a batch ends at the
     * last ask made.
     */
    synchronized List<T> take(Duration wait, boolean more) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!complete(more)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        long end = Math.min(taken + batch, made);
        List<T> children = new ArrayList<>();
        for (long n = taken; n < end; n++) {
            settled.remove(n).ifPresent(children::add);
        }
        taken = end;
        return children;
    }

    /** Whether the next batch is settled (with {@code more} as for {@link #take}). */
    synchronized boolean complete(boolean more) {
        long end = taken + batch;
        if (made < end) {
            if (more || made == taken) {
                return false;
            }
            end = made;
        }
        for (long n = taken; n < end; n++) {
            if (!settled.containsKey(n)) {
                return false;
            }
        }
        return true;
    }

    /** Whether any settled ask holds a child not taken back yet. */
    synchronized boolean holdsChildren() {
        return settled.values().stream().anyMatch(Optional::isPresent);
    }

    /** Asks made and not settled yet, waiting for a model thread. */
    int waiting() {
        return asks.size();
    }
}
