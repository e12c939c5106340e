package dev.evolve.eval.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Picks the sandbox of this JVM's untrusted processes. Bubblewrap is probed once per JVM (and per
 * executable): a real sandbox with the full policy runs {@code /bin/true}; the answer is kept.
 * The engine selects the mode once ({@link #select}, from {@code sandbox:} or {@code --sandbox});
 * launches made afterwards ({@code WorkerLaunch.fromThisJvm}, JMH, evaluator commands) use
 * {@link #current()}, which is {@code auto} until something is selected.
 *
 * <p>{@value #BWRAP_PROPERTY} names the bubblewrap executable (default: {@code bwrap} on
 * {@code PATH}); pointing it at a missing file is how tests simulate a machine without it.
 */
public final class SandboxPolicy {

    /** System property: path of the bubblewrap executable. */
    public static final String BWRAP_PROPERTY = "evolve.sandbox.bwrap";
    private static final long PROBE_TIMEOUT_MS = 15_000;
    private static final Map<String, Probe> PROBES = new ConcurrentHashMap<>();
    private static volatile SandboxStatus selected;

    /** The outcome of one probe: the sandbox, or why there is none. */
    public record Probe(Optional<Bubblewrap> bubblewrap, String message) {
    }

    private SandboxPolicy() {
    }

    /**
     * Resolves {@code mode} and makes it this JVM's sandbox.
     *
     * @throws SandboxUnavailableException for {@code bwrap} when bubblewrap does not work here
     */
    public static SandboxStatus select(SandboxMode mode) {
        SandboxStatus status = resolve(mode);
        selected = status;
        return status;
    }

    /** The selected sandbox; {@code auto} resolved on first use when nothing was selected. */
    public static SandboxStatus current() {
        SandboxStatus s = selected;
        if (s == null) {
            synchronized (SandboxPolicy.class) {
                if (selected == null) {
                    selected = resolve(SandboxMode.AUTO);
                }
                s = selected;
            }
        }
        return s;
    }

    /**
     * What {@code mode} gives on this machine, without selecting it.
     *
     * @throws SandboxUnavailableException for {@code bwrap} when bubblewrap does not work here
     */
    public static SandboxStatus resolve(SandboxMode mode) {
        return switch (mode) {
            case PROCESS -> new SandboxStatus(mode, Sandbox.none(), "sandbox: process was configured");
            case AUTO, BWRAP -> {
                Probe p = probe();
                if (p.bubblewrap().isPresent()) {
                    yield new SandboxStatus(mode, p.bubblewrap().get(), p.message());
                }
                if (mode == SandboxMode.BWRAP) {
                    throw new SandboxUnavailableException("sandbox: bwrap was asked for, but " + p.message()
                            + " (on Debian/Ubuntu: apt-get install bubblewrap; 'evolve doctor' shows what this "
                            + "machine offers)");
                }
                yield new SandboxStatus(mode, Sandbox.none(), p.message());
            }
        };
    }

    /** Probes bubblewrap (once per JVM and executable) with the default limits. */
    public static Probe probe() {
        Optional<Path> bwrap = bwrapExecutable();
        if (bwrap.isEmpty()) {
            return new Probe(Optional.empty(), "bubblewrap is not installed (no bwrap "
                    + (System.getProperty(BWRAP_PROPERTY) != null ? "at " + System.getProperty(BWRAP_PROPERTY)
                    : "on PATH") + ")");
        }
        Optional<Path> prlimit = onPath("prlimit", true);
        if (prlimit.isEmpty()) {
            return new Probe(Optional.empty(), "prlimit (util-linux) is not installed: the sandbox's limits cannot be set");
        }
        Optional<Path> env = onPath("env", true);
        if (env.isEmpty()) {
            return new Probe(Optional.empty(), "env (coreutils) is not installed");
        }
        var candidate = new Bubblewrap(bwrap.get(), prlimit.get(), env.get(), ProcessLimits.defaults());
        return PROBES.computeIfAbsent(bwrap.get() + "|" + prlimit.get(), k -> run(candidate));
    }

    /** Starts a sandbox with the full policy around {@code /bin/true}. */
    private static Probe run(Bubblewrap candidate) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("evolve-sandbox-probe-");
            Path log = dir.resolve("probe.log");
            var builder = new ProcessBuilder(candidate.wrap(List.of("/bin/true"), Confinement.of(dir)))
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/bin:/bin");
            Process p = ProcessStarts.start(builder);
            if (!p.waitFor(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor();
                return new Probe(Optional.empty(), candidate.bwrap() + " did not start a sandbox within "
                        + PROBE_TIMEOUT_MS / 1000 + " s");
            }
            if (p.exitValue() != 0) {
                byte[] out = Files.readAllBytes(log);
                String said = new String(out, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
                return new Probe(Optional.empty(), candidate.bwrap() + " cannot start a sandbox here (exit "
                        + p.exitValue() + (said.isEmpty() ? "" : ": " + said) + ")");
            }
            return new Probe(Optional.of(candidate), "bubblewrap " + candidate.bwrap() + " works");
        } catch (IOException e) {
            return new Probe(Optional.empty(), "cannot run " + candidate.bwrap() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(Optional.empty(), "interrupted while probing bubblewrap");
        } finally {
            if (dir != null) {
                dev.evolve.eval.Folders.deleteQuietly(dir);
            }
        }
    }

    /** The bubblewrap executable: {@value #BWRAP_PROPERTY} when set, else {@code bwrap} on PATH. */
    public static Optional<Path> bwrapExecutable() {
        String set = System.getProperty(BWRAP_PROPERTY);
        if (set != null && !set.isBlank()) {
            Path p = Path.of(set);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        return onPath("bwrap", false);
    }

    /** {@code name} on the engine's PATH (then in {@code /usr/bin} and {@code /bin} when {@code orSystem}). */
    static Optional<Path> onPath(String name, boolean orSystem) {
        String path = System.getenv("PATH");
        List<String> dirs = new java.util.ArrayList<>(path == null ? List.of()
                : List.of(path.split(java.io.File.pathSeparator)));
        if (orSystem) {
            dirs.addAll(List.of("/usr/bin", "/bin"));
        }
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
