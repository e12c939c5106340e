package dev.evolve.engine.db;

/**
 * The file given as a program database is something else (not SQLite, another application's SQLite file, a newer
 * format, or a database made with an incompatible grid). Nothing in the file was changed.
 */
public final class NotAProgramDatabaseException extends ProgramStoreException {

    public NotAProgramDatabaseException(String message) {
        super(message);
    }
}
