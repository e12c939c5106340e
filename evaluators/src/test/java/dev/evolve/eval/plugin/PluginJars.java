package dev.evolve.eval.plugin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds a plug-in jar as a user would: javac against the engine's classes, a service file, a jar. */
public final class PluginJars {

    private PluginJars() {
    }

    /**
     * Compiles {@code source} (declaring {@code className}) into a jar under {@code dir} whose
     * service file lists {@code listed} (normally the class itself).
     */
    public static Path build(Path dir, String className, String source, String listed) {
        try {
            Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, source);
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter messages = new StringWriter();
            boolean ok = javac.getTask(messages, null, null,
                    List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"),
                    null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
            if (!ok) {
                throw new AssertionError("the plug-in does not compile:\n" + messages);
            }
            Path services = classes.resolve(PluginEvaluator.SERVICES);
            Files.createDirectories(services.getParent());
            Files.writeString(services, "# the plug-in\n" + listed + "\n");
            Path jar = dir.resolve("plugin.jar");
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                 Stream<Path> tree = Files.walk(classes)) {
                for (Path p : tree.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(p));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
