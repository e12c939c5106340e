package dev.evolve.kernels;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a target's seed with the system compiler and instantiates it, as a worker would. */
public final class SeedCompiler {

    private SeedCompiler() {
    }

    /** A fresh instance of the seed of {@code target}; fails with javac's messages when it does not compile. */
    public static Object instantiateSeed(KernelTarget target) {
        return instantiate(target, target.seedSource());
    }

    public static Object instantiate(KernelTarget target, String source) {
        try {
            Path dir = Files.createTempDirectory("seed-");
            Path file = dir.resolve(target.className() + ".java");
            Files.writeString(file, source);
            String classpath = Path.of(target.kernelInterface().getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter messages = new StringWriter();
            boolean ok = javac.getTask(messages, null, null,
                    List.of("-d", dir.toString(), "-cp", classpath, "--add-modules", "jdk.incubator.vector",
                            "-proc:none", "-Xlint:-incubating"),
                    null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
            deleteOnExit(dir);
            if (!ok) {
                throw new AssertionError("seed of " + target.name() + " does not compile:\n" + messages);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, SeedCompiler.class.getClassLoader());
            Class<?> type = Class.forName(target.className(), true, loader);
            return type.getDeclaredConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException | URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** The class directory and its files go when the test JVM exits (files first: the JVM deletes in reverse order). */
    private static void deleteOnExit(Path dir) throws IOException {
        dir.toFile().deleteOnExit();
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().deleteOnExit());
        }
    }
}
