package dev.evolve.eval.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The bubblewrap sandbox: {@code bwrap} builds the namespaces and mounts, then {@code prlimit}
 * (util-linux) sets the resource limits and runs the command. Policy, in the order of the flags:
 * own user, PID, network, IPC, UTS (and where possible cgroup) namespaces; killed with its parent
 * ({@code --die-with-parent}: a worker whose engine is SIGKILLed goes with it); a new session (no
 * terminal to inject keystrokes into); read-only {@code /}; a minimal {@code /dev}; a fresh
 * {@code /proc}; small private tmpfs {@code /tmp} and {@code /dev/shm}; the paths it must read
 * that live under {@code /tmp}, read-only; its private folder, writable; the GPU nodes for driver
 * workers.
 *
 * <p>bubblewrap sets {@code PWD}; {@code env -u PWD} takes it out again, so that the process's
 * environment is exactly what its caller chose.
 *
 * @param bwrap   the bubblewrap executable
 * @param prlimit util-linux's {@code prlimit}
 * @param env     coreutils' {@code env}
 */
public record Bubblewrap(Path bwrap, Path prlimit, Path env, ProcessLimits limits) implements Sandbox {

    /** Size of the private {@code /tmp} and {@code /dev/shm}: the worker's temp files go to its private folder. */
    static final long TMPFS_BYTES = 64L << 20;
    /** Folders the sandbox replaces with empty ones of its own. */
    static final List<Path> HIDDEN = List.of(Path.of("/tmp"), Path.of("/dev"));

    public Bubblewrap {
        Objects.requireNonNull(bwrap, "bwrap");
        Objects.requireNonNull(prlimit, "prlimit");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(limits, "limits");
    }

    public Bubblewrap withLimits(ProcessLimits newLimits) {
        return new Bubblewrap(bwrap, prlimit, env, newLimits);
    }

    @Override
    public String mode() {
        return "bwrap";
    }

    @Override
    public List<String> wrap(List<String> command, Confinement c) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command to sandbox");
        }
        List<String> cmd = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                "--unshare-cgroup-try", "--die-with-parent", "--new-session",
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--size", Long.toString(TMPFS_BYTES), "--tmpfs", "/tmp",
                "--size", Long.toString(TMPFS_BYTES), "--tmpfs", "/dev/shm"));
        for (Path p : c.readable()) {
            if (hidden(p) && !p.startsWith(c.workDir()) && Files.exists(p)) {
                bind(cmd, "--ro-bind", p);
            }
        }
        for (Path p : c.writable()) {
            if (Files.isDirectory(p)) {
                bind(cmd, "--bind", p);
            }
        }
        bind(cmd, "--bind", c.workDir());
        if (c.gpus()) {
            gpuNodes().forEach(p -> bind(cmd, "--dev-bind", p));
        }
        cmd.add("--chdir");
        cmd.add(c.workDir().toString());
        cmd.add("--");
        cmd.add(prlimit.toString());
        cmd.add("--nproc=" + limits.processes());
        cmd.add("--nofile=" + limits.openFiles());
        cmd.add("--fsize=" + limits.fileSizeBytes());
        cmd.add("--core=0");
        cmd.add("--");
        cmd.add(env.toString());
        cmd.add("-u");
        cmd.add("PWD");
        cmd.addAll(command);
        return List.copyOf(cmd);
    }

    private static boolean hidden(Path p) {
        return HIDDEN.stream().anyMatch(p::startsWith);
    }

    private static void bind(List<String> cmd, String how, Path p) {
        cmd.add(how);
        cmd.add(p.toString());
        cmd.add(p.toString());
    }

    /** {@code /dev/dri} and {@code /dev/nvidia*}, those present. */
    static List<Path> gpuNodes() {
        List<Path> nodes = new ArrayList<>();
        Path dri = Path.of("/dev/dri");
        if (Files.isDirectory(dri)) {
            nodes.add(dri);
        }
        try (Stream<Path> dev = Files.list(Path.of("/dev"))) {
            dev.filter(p -> p.getFileName().toString().startsWith("nvidia")).sorted().forEach(nodes::add);
        } catch (IOException e) {
            // no /dev listing: no GPU nodes to pass on
        }
        return nodes;
    }
}
