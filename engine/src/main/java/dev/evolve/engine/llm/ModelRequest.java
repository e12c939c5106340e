package dev.evolve.engine.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What is sent to a model: an optional system text, the user text and the sampling settings.
 *
 * @param system instructions given as the system message; empty for none
 * @param user the request itself; never blank
 * @param temperature sampling temperature in [0, 2]
 * @param maxOutputTokens upper bound on the reply's tokens, positive
 * @param purpose what the request is for, lower-case letters and {@code -} ({@value #EDIT} for a program edit,
 *                the default; null reads as that): a replay answers a request only with a recording of the
 *                same purpose, so the exchanges of one kind replay in their own order
 */
public record ModelRequest(String system, String user, double temperature, int maxOutputTokens, String purpose) {

    /** The purpose of a request for a program edit, and of every recording made before purposes were kept. */
    public static final String EDIT = "edit";

    /** A request for a program edit. */
    public ModelRequest(String system, String user, double temperature, int maxOutputTokens) {
        this(system, user, temperature, maxOutputTokens, EDIT);
    }

    public ModelRequest {
        purpose = purpose == null ? EDIT : purpose;
        if (!purpose.matches("[a-z][a-z-]{0,39}")) {
            throw new IllegalArgumentException("purpose must be lower-case letters and '-', was '" + purpose + "'");
        }
        Objects.requireNonNull(system, "system (use \"\" for none)");
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user text must not be blank");
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], was " + temperature);
        }
        if (maxOutputTokens <= 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
        }
    }

    /**
     * SHA-256 (lower-case hex) over every field, each length-prefixed so no two prompts share an encoding;
     * names a prompt's recording. The purpose counts only when it is not {@value #EDIT}, so recordings made
     * before purposes were kept keep their names.
     */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String[] parts = EDIT.equals(purpose)
                    ? new String[] {system, user, Double.toString(temperature), Integer.toString(maxOutputTokens)}
                    : new String[] {system, user, Double.toString(temperature), Integer.toString(maxOutputTokens), purpose};
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
