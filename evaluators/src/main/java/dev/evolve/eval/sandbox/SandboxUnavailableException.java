package dev.evolve.eval.sandbox;

/** {@code sandbox: bwrap} was asked for and bubblewrap is missing or cannot start a sandbox here. */
public final class SandboxUnavailableException extends IllegalStateException {
    public SandboxUnavailableException(String message) {
        super(message);
    }
}
