package dev.evolve.engine.run;

/**
 * Keeps the model lane from spending calls that bring nothing: model calls are granted one at a time, each
 * numbered, and at most {@code ceiling} calls are granted after the last call whose child was new (filed and
 * evaluated). A call whose child turns out a duplicate, a near copy, a rejected edit or a failure does not reset
 * the count. Once the ceiling is reached no call is granted until a child already under way turns out new, or
 * the loop gives the lane a fresh allowance ({@link #retry()}); so a run whose model only repeats itself makes at
 * most {@code ceiling} calls after its last new child.
 *
 * <p>Thread-safe: model threads ask for calls, the loop reports new children.
 */
final class LaneGuard {

    private final int ceiling;
    private long granted;
    private long lastNew;

    /** @param ceiling model calls after the last new child at most, at least 1 */
    LaneGuard(int ceiling) {
        if (ceiling < 1) {
            throw new IllegalArgumentException("the call ceiling must be at least 1, was " + ceiling);
        }
        this.ceiling = ceiling;
    }

    int ceiling() {
        return ceiling;
    }

    /** The number of a call granted now (from 1), or 0 when the lane has had its allowance. */
    synchronized long tryCall() {
        if (granted - lastNew >= ceiling) {
            return 0;
        }
        return ++granted;
    }

    /** Whether a call would be granted now. */
    synchronized boolean open() {
        return granted - lastNew < ceiling;
    }

    /** The child of call {@code call} was new: the calls before it no longer count. */
    synchronized void newChild(long call) {
        lastNew = Math.max(lastNew, call);
    }

    /** Calls granted since the last call whose child was new. */
    synchronized long sinceNew() {
        return granted - lastNew;
    }

    /** A fresh allowance of {@code ceiling} calls, after the lane has been backed off for a while. */
    synchronized void retry() {
        lastNew = granted;
    }
}
