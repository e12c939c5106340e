package dev.evolve.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a variant's source file from the user, with a usage error for anything unusable. */
final class SourceFiles {

    static final long MAX_BYTES = 1 << 20;

    private SourceFiles() {
    }

    static String read(Path file) {
        return read(file, true);
    }

    /** Reads a variant of a target whose variants are {@code fileName} files: the extension must match. */
    static String read(Path file, String fileName) {
        String extension = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.')) : "";
        if (Files.isRegularFile(file) && !file.getFileName().toString().endsWith(extension)) {
            throw new UsageException("not a " + extension + " file (this target's variants are " + extension
                    + " files): " + file);
        }
        return read(file, false);
    }

    /** @param javaOnly whether the file must be a {@code .java} file (variants of Java targets) */
    static String read(Path file, boolean javaOnly) {
        if (!Files.exists(file)) {
            throw new UsageException("no such file: " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("not a regular file: " + file);
        }
        if (javaOnly && !file.getFileName().toString().endsWith(".java")) {
            throw new UsageException("not a Java source file (expected a .java file): " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read " + file + " (permission denied)");
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(file + " is larger than " + (MAX_BYTES >> 10) + " KiB; a variant is not");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
