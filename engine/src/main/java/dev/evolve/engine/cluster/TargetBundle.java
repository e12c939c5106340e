package dev.evolve.engine.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a target folder, sent with each task so that a member can evaluate a target it has
 * never seen; named by the hash of their paths and contents, unpacked once per member.
 *
 * @param name  the folder's name
 * @param files relative path (with {@code /}) to content
 */
record TargetBundle(String name, Map<String, byte[]> files) {

    /** The most a bundle may hold: a target folder is a spec, a seed and a few small files. */
    static final long MAX_BYTES = 8L << 20;

    TargetBundle {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}") || name.startsWith(".")) {
            throw new IllegalArgumentException("a target bundle's name must be a plain folder name, was '" + name + "'");
        }
        long total = 0;
        for (var e : files.entrySet()) {
            checkPath(e.getKey());
            total += e.getValue().length;
        }
        if (total > MAX_BYTES) {
            throw new IllegalArgumentException("a target bundle holds over " + MAX_BYTES + " bytes");
        }
        files = Map.copyOf(new TreeMap<>(files));
    }

    /** Reads every regular file under {@code dir}. */
    static TargetBundle of(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the target folder " + dir, e);
        }
        return new TargetBundle(dir.getFileName().toString(), files);
    }

    /** SHA-256 over the name, each path and each content, in path order. */
    String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            new TreeMap<>(files).forEach((path, bytes) -> {
                digest.update((byte) 0);
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The folder of this bundle under {@code cache}, written the first time (to a temporary folder,
     * then moved, so a half-written folder is never used).
     */
    Path unpackInto(Path cache) {
        Path home = cache.resolve(hash());
        Path dir = home.resolve(name);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, "unpack-");
            Path into = tmp.resolve(name);
            for (var e : files.entrySet()) {
                Path file = into.resolve(e.getKey()).normalize();
                if (!file.startsWith(into)) {
                    throw new IllegalArgumentException("a target bundle path leaves its folder: " + e.getKey());
                }
                Files.createDirectories(file.getParent());
                Files.write(file, e.getValue());
            }
            try {
                Files.move(tmp, home);
            } catch (IOException raced) {
                if (!Files.isDirectory(dir)) {
                    throw raced;
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack target " + name + " into " + cache, e);
        }
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("\0")
                || Stream.of(path.split("/")).anyMatch(p -> p.isEmpty() || p.equals("..") || p.equals("."))) {
            throw new IllegalArgumentException("a target bundle path must be relative and plain, was '" + path + "'");
        }
    }
}
