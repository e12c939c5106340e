package dev.evolve.eval.accel;

/** A backend found no device on this machine; the message says why and what to install. */
public final class NoDeviceException extends RuntimeException {

    public NoDeviceException(String message) {
        super(message);
    }
}
