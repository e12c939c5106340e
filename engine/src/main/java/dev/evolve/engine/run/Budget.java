package dev.evolve.engine.run;

import java.time.Duration;
import java.time.InstantSource;

/**
 * How much of a run is left: a wall-clock budget, an iteration count, or both. Time spent before
 * a resume counts, so a resumed run honours what remains.
 */
public final class Budget {

    private final Duration limit;
    private final Long iterationLimit;
    private final InstantSource clock;
    private final long startMs;
    private final long priorMs;
    private volatile boolean stopRequested;

    public Budget(Duration limit, Long iterationLimit, Duration alreadySpent, InstantSource clock) {
        this.limit = limit;
        this.iterationLimit = iterationLimit;
        this.clock = clock;
        this.startMs = clock.millis();
        this.priorMs = alreadySpent.toMillis();
    }

    /** Wall time of the whole run, earlier sessions included. */
    public Duration elapsed() {
        return Duration.ofMillis(priorMs + clock.millis() - startMs);
    }

    public Duration limit() {
        return limit;
    }

    public Long iterationLimit() {
        return iterationLimit;
    }

    /** May another child enter the cascade, given how many have so far? */
    public boolean allowsAnother(long iterationsSoFar) {
        return !stopRequested && !timeIsUp() && (iterationLimit == null || iterationsSoFar < iterationLimit);
    }

    public boolean timeIsUp() {
        return limit != null && elapsed().compareTo(limit) >= 0;
    }

    /** Asks the run to stop proposing (Ctrl-C); what is under way finishes or is abandoned. */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }
}
