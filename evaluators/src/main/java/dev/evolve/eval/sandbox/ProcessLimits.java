package dev.evolve.eval.sandbox;

/**
 * Resource limits of a sandboxed process and everything it starts ({@code setrlimit}, inherited
 * across fork and exec). Threads count as processes; a worker JVM alone runs a few dozen.
 *
 * @param processes     {@code RLIMIT_NPROC}: processes and threads of the sandbox's user; in
 *                      bubblewrap's own user namespace they are counted per sandbox (Linux 5.14+;
 *                      older kernels count all of the user's processes); the kernel does not
 *                      enforce it for uid 0
 * @param openFiles     {@code RLIMIT_NOFILE}
 * @param fileSizeBytes {@code RLIMIT_FSIZE}: the largest file it may write
 */
public record ProcessLimits(int processes, int openFiles, long fileSizeBytes) {

    public ProcessLimits {
        if (processes < 16) {
            throw new IllegalArgumentException("processes must be >= 16: " + processes);
        }
        if (openFiles < 64) {
            throw new IllegalArgumentException("openFiles must be >= 64: " + openFiles);
        }
        if (fileSizeBytes < 1 << 20) {
            throw new IllegalArgumentException("fileSizeBytes must be >= 1 MiB: " + fileSizeBytes);
        }
    }

    /** 1024 processes and threads, 4096 open files, files up to 256 MiB. */
    public static ProcessLimits defaults() {
        return new ProcessLimits(1024, 4096, 256L << 20);
    }
}
