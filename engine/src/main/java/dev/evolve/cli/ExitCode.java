package dev.evolve.cli;

/** The exit codes of every subcommand. */
public enum ExitCode {
    /** The command did its work (an evaluation that completed, whatever the variant's status). */
    OK(0),
    /** The command could not do its work: an internal or environmental failure. */
    FAILURE(1),
    /** Bad usage: unknown target or option, a missing or unreadable file, an invalid value. */
    USAGE(2),
    /** Interrupted by the user (Ctrl-C); what was done is kept. */
    INTERRUPTED(130);

    public final int code;

    ExitCode(int code) {
        this.code = code;
    }
}
