package dev.evolve.engine.cluster;

/** The cluster could not be joined or used: the message says why and what to check. */
public final class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
