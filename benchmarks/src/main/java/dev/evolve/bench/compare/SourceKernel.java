package dev.evolve.bench.compare;

import dev.evolve.kernels.KernelTarget;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A variant given as Java source (a seed or an evolved winner), compiled with the JDK's compiler into a
 * private class directory and loaded from it, the way {@link dev.evolve.bench.VariantBenchmark} loads a
 * class directory. Close it to unload the classes and delete the directory.
 *
 * <pre>{@code
 * try (SourceKernel k = SourceKernel.compile(target, Files.readString(best), "results/matmul/best.java")) {
 *     problem.invoke(k.kernel());
 * }
 * }</pre>
 */
final class SourceKernel implements AutoCloseable {

    private final Path classDir;
    private final URLClassLoader loader;
    private final Object kernel;

    private SourceKernel(Path classDir, URLClassLoader loader, Object kernel) {
        this.classDir = classDir;
        this.loader = loader;
        this.kernel = kernel;
    }

    /**
     * Compiles {@code source}, which must declare the target's class in the default package and implement
     * its kernel interface, and instantiates it. {@code origin} names the source in error messages.
     */
    static SourceKernel compile(KernelTarget target, String source, String origin) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the comparison on a JDK, not a JRE");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("evolve-compare-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a class directory", e);
        }
        boolean done = false;
        try {
            Path file = dir.resolve(target.className() + ".java");
            Files.writeString(file, source);
            StringWriter messages = new StringWriter();
            boolean ok;
            try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
                Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file);
                List<String> options = new ArrayList<>(List.of("-proc:none", "-nowarn", "-XDsuppressNotes",
                        "--add-modules", "jdk.incubator.vector",
                        "-classpath", System.getProperty("java.class.path", ""), "-d", dir.toString()));
                ok = javac.getTask(messages, files, null, options, null, units).call();
            }
            if (!ok) {
                throw new IllegalArgumentException(origin + " does not compile:\n" + messages);
            }
            URLClassLoader loader = new URLClassLoader(new URL[] {toUrl(dir)}, SourceKernel.class.getClassLoader());
            Object kernel;
            try {
                kernel = instantiate(loader.loadClass(target.className()), target.kernelInterface(), origin);
            } catch (ReflectiveOperationException | RuntimeException e) {
                loader.close();
                throw e instanceof RuntimeException r ? r
                        : new IllegalArgumentException(origin + ": cannot load " + target.className() + ": " + e, e);
            }
            done = true;
            return new SourceKernel(dir, loader, kernel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compile " + origin, e);
        } finally {
            if (!done) {
                deleteQuietly(dir);
            }
        }
    }

    /** An instance of the target's kernel interface. */
    Object kernel() {
        return kernel;
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            // the directory goes anyway
        }
        deleteQuietly(classDir);
    }

    private static Object instantiate(Class<?> variant, Class<?> api, String origin) throws ReflectiveOperationException {
        if (!api.isAssignableFrom(variant)) {
            throw new IllegalArgumentException(origin + ": " + variant.getName() + " does not implement " + api.getName());
        }
        try {
            return variant.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(origin + ": constructor of " + variant.getName() + " threw", e.getCause());
        }
    }

    private static URL toUrl(Path dir) {
        try {
            return dir.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad class directory " + dir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the system's temporary-file cleanup
                }
            });
        } catch (IOException e) {
            // nothing to delete
        }
    }
}
