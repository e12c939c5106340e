package dev.evolve.eval.sandbox;

import java.util.Locale;

/**
 * What the user asked for: {@code auto} (bubblewrap where it works, else plain processes with a
 * warning), {@code bwrap} (bubblewrap or fail) or {@code process} (plain processes, no OS sandbox).
 */
public enum SandboxMode {
    AUTO, BWRAP, PROCESS;

    /** The YAML and command-line spelling. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SandboxMode parse(String text) {
        if (text != null) {
            for (SandboxMode m : values()) {
                if (m.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("sandbox must be auto, bwrap or process, was '" + text + "'");
    }
}
