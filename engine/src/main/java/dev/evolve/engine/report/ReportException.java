package dev.evolve.engine.report;

/**
 * The report cannot be made from what was given: the folder is not a run, or a baselines file is
 * missing or malformed. The message names the file and, for a malformed file, the field.
 */
public final class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }
}
