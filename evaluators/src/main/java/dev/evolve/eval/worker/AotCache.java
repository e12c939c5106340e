package dev.evolve.eval.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An ahead-of-time cache (JDK 25, JEP 483/514) of the classes a worker loads and links while it
 * starts, javac's above all: it cuts a worker's start by about a third. Only possible when the
 * class path is made of jar files (the shaded jar, not surefire's class directories). The cache
 * is trained once by a worker started with {@code -XX:AOTCacheOutput} that stops after its
 * warm-up, and is keyed by everything that must match (java, class path and its jars' sizes and
 * times, heap, processors, options). A stale or unusable cache only costs the JVM's warning: the
 * JVM then starts without it.
 */
final class AotCache {

    private final Path file;
    /** Why the last {@link #train} left no cache; null when it did not fail. */
    private volatile String failure;

    private AotCache(Path file) {
        this.file = file;
    }

    /** The cache for this launch, or empty when the class path is not all jars. */
    static Optional<AotCache> forLaunch(WorkerLaunch launch) {
        if (Runtime.version().feature() < 25) {
            return Optional.empty(); // -XX:AOTCacheOutput (one-step training) came with JDK 25
        }
        List<Path> entries = new ArrayList<>();
        for (String e : launch.classPath().split(java.io.File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e);
            if (!e.endsWith(".jar") || !Files.isRegularFile(p)) {
                return Optional.empty();
            }
            entries.add(p);
        }
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update((launch.javaExecutable() + "\n" + Runtime.version() + "\n" + launch.heapMiB() + "\n"
                    + launch.processors() + "\n" + launch.extraJvmOptions()).getBytes(StandardCharsets.UTF_8));
            for (Path p : entries) {
                sha.update((p.toAbsolutePath() + "|" + Files.size(p) + "|" + Files.getLastModifiedTime(p).toMillis()
                        + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String key = HexFormat.of().formatHex(sha.digest(), 0, 12);
            return Optional.of(new AotCache(launch.tempRoot().resolve("evolve-worker-" + key + ".aot")));
        } catch (IOException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /** Caches of other class paths (older builds) untouched for a week: about 30 MB each. */
    private void deleteStale() {
        long weekAgo = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
        try (var others = Files.newDirectoryStream(file.getParent(), "evolve-worker-*.aot")) {
            for (Path other : others) {
                if (!other.equals(file) && Files.getLastModifiedTime(other).toMillis() < weekAgo) {
                    Files.deleteIfExists(other);
                }
            }
        } catch (IOException e) {
            // stale caches only cost disk space
        }
    }

    /** Why the last training left no cache (for a test or a log), or null. */
    String failure() {
        return failure;
    }

    Path file() {
        return file;
    }

    boolean exists() {
        return Files.isRegularFile(file);
    }

    /** JVM options that use the cache, if it is there yet. */
    List<String> useOptions() {
        return exists() ? List.of("-XX:AOTCache=" + file) : List.of();
    }

    /**
     * Starts a worker that records a cache, lets it warm up, ends it, and moves the cache into
     * place atomically (two engines training at once do no harm). Best effort: false on failure.
     */
    boolean train(WorkerLaunch launch) throws InterruptedException {
        failure = null;
        if (exists()) {
            return true;
        }
        Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".aot");
        try {
            // the trainee runs no candidate, only the worker's own warm-up, and writes the cache
            // beside the private directories: it needs no sandbox (the workers that use the cache have one)
            WorkerProcess trainee = WorkerProcess.start(launch.withSandbox(dev.evolve.eval.sandbox.Sandbox.none()),
                    List.of("-XX:AOTCacheOutput=" + partial), Duration.ofSeconds(120));
            trainee.stopGracefully(Duration.ofSeconds(120)); // the cache is written as the JVM exits
            if (!Files.isRegularFile(partial)) {
                failure = "the trainee wrote no cache; its output: " + trainee.killAndDrain();
                return false;
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteStale();
            return true;
        } catch (IOException e) {
            failure = e.toString();
            return false;
        } finally {
            try {
                Files.deleteIfExists(partial);
                Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".config"));
            } catch (IOException e) {
                // a leftover partial cache in the temp directory is harmless
            }
        }
    }
}
