package dev.evolve.eval.bytecode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Why a JDK type or package is off limits in a kernel, in a few words for a message: one table for
 * both checks, the source check (names as written) and the class-file check (internal names).
 * Names here are dotted ({@code java.lang.Thread}). What a kernel <em>may</em> use is decided
 * elsewhere ({@link ApiAllowlist}, the source check's import list); this only explains refusals.
 */
public final class ForbiddenApi {

    /** Whole packages, by prefix. No two prefixes overlap, so the order of lookup does not matter. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("java.lang.reflect", "reflection"),
            Map.entry("java.lang.invoke", "method handles"),
            Map.entry("java.lang.foreign", "native memory and calls"),
            Map.entry("java.lang.constant", "reflection"),
            Map.entry("java.lang.ref", "references and cleaners"),
            Map.entry("java.lang.module", "modules"),
            Map.entry("java.lang.management", "management"),
            Map.entry("java.lang.instrument", "instrumentation"),
            Map.entry("java.io", "file and I/O access"),
            Map.entry("java.nio", "file and I/O access"),
            Map.entry("java.net", "network access"),
            Map.entry("java.util.concurrent", "threads and concurrency"),
            Map.entry("java.security", "security"),
            Map.entry("javax.", "nothing a kernel needs"),
            Map.entry("sun.", "JDK internals"),
            Map.entry("jdk.internal", "JDK internals"),
            Map.entry("com.sun", "JDK internals"));

    /** Single types of otherwise open packages ({@code java.lang}, {@code java.util}). */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("java.lang.Class", "reflection"),
            Map.entry("java.lang.ClassLoader", "class loading"),
            Map.entry("java.lang.Module", "reflection"),
            Map.entry("java.lang.ModuleLayer", "reflection"),
            Map.entry("java.lang.StackWalker", "reflection"),
            Map.entry("java.lang.ClassValue", "reflection"),
            Map.entry("java.lang.Runtime", "process control"),
            Map.entry("java.lang.Process", "processes"),
            Map.entry("java.lang.ProcessBuilder", "processes"),
            Map.entry("java.lang.ProcessHandle", "processes"),
            Map.entry("java.lang.Thread", "threads"),
            Map.entry("java.lang.ThreadGroup", "threads"),
            Map.entry("java.lang.ThreadLocal", "threads"),
            Map.entry("java.lang.InheritableThreadLocal", "threads"),
            Map.entry("java.lang.ScopedValue", "threads"),
            Map.entry("java.lang.SecurityManager", "security"),
            Map.entry("java.util.Formatter", "it writes files"),
            Map.entry("java.util.Scanner", "file and I/O access"),
            Map.entry("java.util.Properties", "file and I/O access"),
            Map.entry("java.util.ServiceLoader", "class loading"),
            Map.entry("java.util.ResourceBundle", "class loading"),
            Map.entry("java.util.Timer", "threads"),
            Map.entry("java.util.TimerTask", "threads"));

    /**
     * Types of forbidden packages that code most often names by their simple name (after an
     * import, which the source check refuses too): the source check catches these names as well.
     */
    private static final List<String> OFTEN_NAMED = List.of(
            "java.lang.invoke.MethodHandles", "java.lang.invoke.MethodHandle", "java.lang.invoke.VarHandle",
            "sun.misc.Unsafe",
            "java.util.concurrent.Executor", "java.util.concurrent.Executors", "java.util.concurrent.ExecutorService",
            "java.util.concurrent.ForkJoinPool", "java.util.concurrent.ForkJoinTask",
            "java.util.concurrent.RecursiveTask", "java.util.concurrent.RecursiveAction",
            "java.util.concurrent.CompletableFuture",
            "java.io.File", "java.io.FileWriter", "java.io.FileOutputStream", "java.io.FileInputStream",
            "java.io.RandomAccessFile", "java.nio.file.Files", "java.nio.file.Paths");

    private ForbiddenApi() {
    }

    /** Why the type {@code qualified} is off limits (its own entry, else its package's), if it is. */
    public static Optional<String> type(String qualified) {
        String own = TYPES.get(qualified);
        return own != null ? Optional.of(own) : inPackage(qualified);
    }

    /** Why the package {@code name} (or a type in it) is off limits, if it is. */
    public static Optional<String> inPackage(String name) {
        return PACKAGES.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()) && (e.getKey().endsWith(".") || name.length() == e.getKey().length()
                        || name.charAt(e.getKey().length()) == '.'))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** Simple names a source check refuses wherever they stand, with the reason. */
    public static Map<String, String> simpleNames() {
        Map<String, String> out = new HashMap<>();
        Stream.concat(TYPES.keySet().stream(), OFTEN_NAMED.stream())
                .forEach(q -> out.put(q.substring(q.lastIndexOf('.') + 1), type(q).orElseThrow()));
        return Map.copyOf(out);
    }
}
