package dev.evolve.eval.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one sandboxed process needs besides the read-only root: its private folder (working
 * directory, the one writable place of its own), paths it must read that the sandbox would
 * otherwise hide (its class path or target folder under {@code /tmp}, for example), folders it
 * may write besides (a driver's kernel cache), and whether it sees the machine's GPU device nodes.
 *
 * @param workDir  the private folder: working directory and writable
 * @param readable paths to keep readable (only those under a hidden folder such as {@code /tmp} matter)
 * @param writable further writable folders (a driver's cache); empty for candidate workers
 * @param gpus     bind {@code /dev/dri} and {@code /dev/nvidia*} when present (OpenCL and Aparapi workers)
 */
public record Confinement(Path workDir, List<Path> readable, List<Path> writable, boolean gpus) {

    public Confinement {
        Objects.requireNonNull(workDir, "workDir");
        workDir = workDir.toAbsolutePath().normalize();
        readable = readable.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
        writable = writable.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    /** Only {@code workDir}. */
    public static Confinement of(Path workDir) {
        return new Confinement(workDir, List.of(), List.of(), false);
    }

    public Confinement readable(List<Path> more) {
        return new Confinement(workDir, concat(readable, more), writable, gpus);
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
