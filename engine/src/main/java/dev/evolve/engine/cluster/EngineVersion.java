package dev.evolve.engine.cluster;

/**
 * The engine version members compare before they work together: tasks and outcomes are only
 * exchanged between members of one version. The system property {@value #OVERRIDE} makes a JVM
 * claim another version (how the tests stand in for an older release).
 */
public final class EngineVersion {

    /** The version of this engine (the one {@code evolve --version} prints). */
    public static final String CURRENT = "0.1.0";

    /** System property that replaces {@link #CURRENT} in this JVM. */
    public static final String OVERRIDE = "evolve.engine.version";

    private EngineVersion() {
    }

    /** The version this JVM advertises. */
    public static String current() {
        String v = System.getProperty(OVERRIDE);
        return v == null || v.isBlank() ? CURRENT : v.strip();
    }
}
