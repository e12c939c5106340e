package dev.evolve.eval.compile;

import dev.evolve.eval.CompileDiagnostic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one source file in memory. One instance keeps one {@link StandardJavaFileManager}
 * (its warm caches make later compilations 15-30 ms instead of ~0.5 s); it is not thread-safe.
 *
 * <pre>{@code
 * var compiler = new InMemoryCompiler();
 * switch (compiler.compile("Matmul", source)) {
 *     case Result.Compiled c -> load(c.classes());
 *     case Result.Failed f   -> report(f.diagnostics());
 * }
 * }</pre>
 */
public final class InMemoryCompiler implements AutoCloseable {

    /** The compiled classes of a file by binary name, or the errors javac reported. */
    public sealed interface Result {
        record Compiled(String mainClass, Map<String, byte[]> classes) implements Result {
            public Compiled {
                classes = Map.copyOf(classes);
            }

            /** Writes the class files under {@code dir} (default package), for loaders that read directories. */
            public void writeTo(Path dir) {
                try {
                    Files.createDirectories(dir);
                    for (var e : classes.entrySet()) {
                        Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
                        Files.createDirectories(file.getParent());
                        Files.write(file, e.getValue());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        record Failed(List<CompileDiagnostic> diagnostics) implements Result {
            public Failed {
                diagnostics = List.copyOf(diagnostics);
            }
        }
    }

    private static final List<String> OPTIONS = List.of(
            "-proc:none",                          // no annotation processors: no candidate code runs in javac
            "--add-modules", "jdk.incubator.vector",
            "-g", "-nowarn", "-Xlint:none",
            "-XDsuppressNotes");

    private final JavaCompiler javac;
    private final StandardJavaFileManager standard;
    private final List<String> options;

    public InMemoryCompiler() {
        this(System.getProperty("java.class.path", ""));
    }

    /** @param classPath where the kernel interfaces a variant implements are found */
    public InMemoryCompiler(String classPath) {
        this.javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
        }
        this.standard = javac.getStandardFileManager(null, Locale.ROOT, java.nio.charset.StandardCharsets.UTF_8);
        List<String> opts = new ArrayList<>(OPTIONS);
        opts.add("-classpath");
        opts.add(classPath);
        this.options = List.copyOf(opts);
    }

    /** Compiles {@code source}, which must declare the top-level class {@code className}. */
    public Result compile(String className, String source) {
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var memory = new MemoryFileManager(standard);
        var unit = new SourceFile(className, source);
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, List.of(unit)).call();
        List<CompileDiagnostic> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> new CompileDiagnostic(Math.max(0, d.getLineNumber()), Math.max(0, d.getColumnNumber()),
                        d.getMessage(Locale.ROOT)))
                .toList();
        if (!ok || !errors.isEmpty()) {
            return new Result.Failed(errors.isEmpty()
                    ? List.of(new CompileDiagnostic(0, 0, "compilation failed without a diagnostic"))
                    : errors);
        }
        if (!memory.outputs.containsKey(className)) {
            return new Result.Failed(List.of(new CompileDiagnostic(0, 0,
                    "the source does not declare top-level class " + className)));
        }
        return new Result.Compiled(className, memory.classes());
    }

    @Override
    public void close() {
        try {
            standard.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String source;

        SourceFile(String className, String source) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }

    private static final class ClassFile extends SimpleJavaFileObject {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ClassFile(String name) {
            super(URI.create("bytes:///" + name.replace('.', '/') + Kind.CLASS.extension), Kind.CLASS);
        }

        @Override
        public OutputStream openOutputStream() {
            return bytes;
        }
    }

    private static final class MemoryFileManager extends ForwardingJavaFileManager<JavaFileManager> {
        private final Map<String, ClassFile> outputs = new LinkedHashMap<>();

        MemoryFileManager(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            ClassFile file = new ClassFile(className);
            outputs.put(className, file);
            return file;
        }

        Map<String, byte[]> classes() {
            Map<String, byte[]> out = new LinkedHashMap<>();
            outputs.forEach((name, file) -> out.put(name, file.bytes.toByteArray()));
            return out;
        }

        @Override
        public void close() {
            // the standard manager is shared across compilations and closed by its owner
        }

        @Override
        public void flush() {
        }
    }
}
