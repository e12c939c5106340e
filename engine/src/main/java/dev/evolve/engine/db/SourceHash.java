package dev.evolve.engine.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a program: the SHA-256 (lower-case hex) of its normalized source. Normalizing removes comments and
 * joins the tokens with single spaces, so two sources that differ only in comments, indentation, line breaks or blank
 * lines share an id, while any change to a token (a literal, an operator, a name) gives another. This is what lets
 * the loop skip a candidate it has already paid to evaluate.
 *
 * <pre>{@code
 * String id = SourceHash.of(childSource);
 * if (!database.contains(id)) { ... evaluate ... }
 * }</pre>
 */
public final class SourceHash {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private SourceHash() {}

    /** The id of {@code source}. */
    public static String of(String source) {
        Objects.requireNonNull(source, "source");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalize(source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    /** The text that is hashed: the tokens of {@code source}, comments dropped, separated by one space. */
    public static String normalize(String source) {
        return String.join(" ", JavaTokens.tokenize(Objects.requireNonNull(source, "source")));
    }

    /** Whether {@code id} has the shape of an id made by {@link #of}. */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
