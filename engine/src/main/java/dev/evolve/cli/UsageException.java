package dev.evolve.cli;

/** Bad input from the user: reported as one clear line with exit code {@link ExitCode#USAGE}. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
