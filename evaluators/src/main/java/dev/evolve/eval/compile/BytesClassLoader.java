package dev.evolve.eval.compile;

import java.util.Map;

/**
 * Defines classes from compiled bytes ({@link InMemoryCompiler.Result.Compiled#classes()});
 * everything else comes from the parent. One loader per candidate, so that no static state is
 * shared between candidates and a finished candidate's classes can be unloaded.
 */
public final class BytesClassLoader extends ClassLoader {

    private final Map<String, byte[]> classes;

    public BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
        super("candidate", parent);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
