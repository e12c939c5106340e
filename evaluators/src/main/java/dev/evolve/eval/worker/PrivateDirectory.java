package dev.evolve.eval.worker;

import dev.evolve.eval.Folders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A worker's private working and temp directory: owner-only, deleted with the worker. */
final class PrivateDirectory {

    private PrivateDirectory() {
    }

    static Path create(Path parent) throws IOException {
        try {
            return Files.createTempDirectory(parent, "evolve-worker-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempDirectory(parent, "evolve-worker-");
        }
    }

    /** Deletes the tree; see {@link Folders#deleteQuietly}. */
    static void deleteQuietly(Path dir) {
        Folders.deleteQuietly(dir);
    }
}
