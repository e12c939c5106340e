package dev.evolve.engine.db;

/** The program store could not read or write its SQLite file. */
public class ProgramStoreException extends RuntimeException {

    public ProgramStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProgramStoreException(String message) {
        super(message);
    }
}
