package dev.evolve.cli;

import dev.evolve.eval.sandbox.SandboxMode;
import dev.evolve.eval.sandbox.SandboxPolicy;
import dev.evolve.eval.sandbox.SandboxStatus;
import dev.evolve.eval.sandbox.SandboxUnavailableException;

/**
 * Makes the configured sandbox ({@code sandbox:} or {@code --sandbox}) this process's, before
 * any worker starts: {@code bwrap} that cannot work is bad usage (exit code 2), {@code auto} that
 * falls back says so on the console.
 */
final class SandboxChoice {

    private SandboxChoice() {
    }

    /**
     * @throws UsageException for an unknown mode, or {@code bwrap} when bubblewrap does not work here
     */
    static SandboxStatus apply(String mode) {
        SandboxMode parsed;
        try {
            parsed = SandboxMode.parse(mode == null ? "auto" : mode);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        SandboxStatus status;
        try {
            status = SandboxPolicy.select(parsed);
        } catch (SandboxUnavailableException e) {
            throw new UsageException(e.getMessage());
        }
        if (status.fellBack()) {
            System.err.println("evolve: warning: " + status.warning());
        }
        return status;
    }
}
