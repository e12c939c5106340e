package dev.evolve.eval.compile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Map;

/**
 * Defines classes from compiled bytes ({@link InMemoryCompiler.Result.Compiled#classes()});
 * everything else comes from the parent. One loader per candidate, so that no static state is
 * shared between candidates and a finished candidate's classes can be unloaded. The class files
 * are also served as resources ({@code Name.class}), as a class path loader would: bytecode
 * translators such as Aparapi read a kernel's own class file through its loader.
 */
public final class BytesClassLoader extends ClassLoader {

    private final Map<String, byte[]> classes;
    private final boolean candidate;

    /** A loader of a candidate's classes. */
    public BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        this("candidate", classes, parent, true);
    }

    private BytesClassLoader(String name, Map<String, byte[]> classes, ClassLoader parent, boolean candidate) {
        super(name, parent);
        this.classes = Map.copyOf(classes);
        this.candidate = candidate;
    }

    /** A loader of trusted classes (a custom target's reference), never taken for a candidate's. */
    public static BytesClassLoader trusted(String name, Map<String, byte[]> classes, ClassLoader parent) {
        return new BytesClassLoader(name, classes, parent, false);
    }

    /** Whether this loader holds a candidate's classes (threads whose context loader it is are the candidate's). */
    public boolean candidate() {
        return candidate;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    /** The parent's resource first (as for classes), else the bytes of a class this loader defines. */
    @Override
    public InputStream getResourceAsStream(String name) {
        InputStream parents = super.getResourceAsStream(name);
        if (parents != null || !name.endsWith(".class")) {
            return parents;
        }
        byte[] bytes = classes.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        return bytes == null ? null : new ByteArrayInputStream(bytes);
    }
}
