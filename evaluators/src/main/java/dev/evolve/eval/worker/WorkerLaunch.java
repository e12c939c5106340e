package dev.evolve.eval.worker;

import dev.evolve.eval.sandbox.Confinement;
import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a local worker JVM is started: the running JVM's {@code java} and class path (so it works
 * under surefire and from the shaded jar alike), a heap cap, a processor cap, the Vector API
 * module, full tiered compilation (never C1 only), a private directory as working and temp
 * directory, and an environment chosen by {@link WorkerEnvironment}.
 *
 * <p>The worker runs inside {@code sandbox} (see {@link dev.evolve.eval.sandbox}): with bubblewrap it
 * sees a read-only machine, its private directory as the one writable folder, no network and no
 * engine process. Candidate code gets no native access: {@code --illegal-native-access=deny} (JNI
 * and FFM, JDK 24+) and {@code --sun-misc-unsafe-memory-access=deny} (JDK 23+) are added when the
 * worker's java knows them, unless the launch sets those options itself. A launch that grants
 * native access ({@code --enable-native-access}, for a driver) also sees the GPU device nodes.
 *
 * <p>The processor cap is the JVM's view ({@code -XX:ActiveProcessorCount}: thread pools, GC and
 * JIT threads size themselves by it), not an OS CPU quota; the heap cap does not bound native or
 * direct memory.
 *
 * @param tempRoot    where the per-worker private directories (and an AOT cache) are created
 * @param useAotCache train and use an ahead-of-time cache for faster worker starts when the class
 *                    path is all jars (see {@link AotCache}); ignored otherwise
 * @param sandbox     the OS sandbox each worker runs in
 */
public record WorkerLaunch(Path javaExecutable, String classPath, int heapMiB, int processors,
                           WorkerEnvironment environment, Path tempRoot, List<String> extraJvmOptions,
                           boolean useAotCache, Sandbox sandbox) {

    /** A launch in this JVM's sandbox ({@link SandboxPolicy#current()}). */
    public WorkerLaunch(Path javaExecutable, String classPath, int heapMiB, int processors,
                        WorkerEnvironment environment, Path tempRoot, List<String> extraJvmOptions,
                        boolean useAotCache) {
        this(javaExecutable, classPath, heapMiB, processors, environment, tempRoot, extraJvmOptions, useAotCache,
                SandboxPolicy.current().sandbox());
    }

    public WorkerLaunch {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(tempRoot, "tempRoot");
        Objects.requireNonNull(sandbox, "sandbox");
        extraJvmOptions = List.copyOf(extraJvmOptions);
        if (heapMiB < 16) {
            throw new IllegalArgumentException("heapMiB must be >= 16: " + heapMiB);
        }
        if (processors < 1) {
            throw new IllegalArgumentException("processors must be >= 1: " + processors);
        }
        if (extraJvmOptions.stream().anyMatch(o -> o.startsWith("-XX:TieredStopAtLevel"))) {
            throw new IllegalArgumentException("workers time kernels: never limit tiered compilation");
        }
    }

    /** The running JVM's java and class path, the minimal environment, the system temp directory, this JVM's sandbox. */
    public static WorkerLaunch fromThisJvm(int heapMiB, int processors) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no java executable at " + java);
        }
        return new WorkerLaunch(java, absolute(System.getProperty("java.class.path", "")), heapMiB, processors,
                WorkerEnvironment.minimal(), Path.of(System.getProperty("java.io.tmpdir")), List.of(), true);
    }

    /** Class path entries made absolute: a worker's working directory is its private directory. */
    static String absolute(String classPath) {
        return java.util.Arrays.stream(classPath.split(java.io.File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    public WorkerLaunch withEnvironment(WorkerEnvironment env) {
        return new WorkerLaunch(javaExecutable, classPath, heapMiB, processors, env, tempRoot, extraJvmOptions,
                useAotCache, sandbox);
    }

    /** The same launch with {@code entry} (a user's jar, for example) added at the end of the class path. */
    public WorkerLaunch withClassPathEntry(Path entry) {
        String added = entry.toAbsolutePath().normalize().toString();
        return new WorkerLaunch(javaExecutable, classPath.isEmpty() ? added : classPath + java.io.File.pathSeparator + added,
                heapMiB, processors, environment, tempRoot, extraJvmOptions, useAotCache, sandbox);
    }

    /** The same launch with {@code options} added to the worker's JVM options. */
    public WorkerLaunch withJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(extraJvmOptions);
        all.addAll(options);
        return new WorkerLaunch(javaExecutable, classPath, heapMiB, processors, environment, tempRoot, all,
                useAotCache, sandbox);
    }

    public WorkerLaunch withAotCache(boolean use) {
        return new WorkerLaunch(javaExecutable, classPath, heapMiB, processors, environment, tempRoot,
                extraJvmOptions, use, sandbox);
    }

    /** The same launch in {@code other} (tests, benchmarks; {@link Sandbox#none()} for trusted processes). */
    public WorkerLaunch withSandbox(Sandbox other) {
        return new WorkerLaunch(javaExecutable, classPath, heapMiB, processors, environment, tempRoot,
                extraJvmOptions, useAotCache, other);
    }

    /** The command line for a worker whose private directory is {@code dir}. */
    List<String> command(Path dir) {
        return command(dir, List.of());
    }

    /**
     * The command line, with {@code moreOptions} (such as an AOT cache) before the class path,
     * wrapped in the launch's sandbox.
     */
    List<String> command(Path dir, List<String> moreOptions) {
        return sandbox.wrap(javaCommand(dir, moreOptions), confinement(dir, moreOptions));
    }

    /** Whether this launch grants native access to a driver (JOCL, Aparapi). */
    boolean grantsNativeAccess() {
        return extraJvmOptions.stream().anyMatch(o -> o.startsWith("--enable-native-access"));
    }

    /**
     * What the sandbox must leave reachable: the private directory (writable), the JDK, the class
     * path and an AOT cache (readable), the driver's kernel cache ({@code POCL_CACHE_DIR}, writable)
     * and the GPU nodes for workers that load a driver.
     */
    Confinement confinement(Path dir, List<String> moreOptions) {
        List<Path> readable = new ArrayList<>();
        Path javaHome = javaExecutable.toAbsolutePath().getParent();
        readable.add(javaHome == null || javaHome.getParent() == null ? javaExecutable : javaHome.getParent());
        for (String e : classPath.split(java.io.File.pathSeparator)) {
            if (!e.isEmpty()) {
                readable.add(Path.of(e));
            }
        }
        for (String o : moreOptions) {
            if (o.startsWith("-XX:AOTCache=")) {
                readable.add(Path.of(o.substring("-XX:AOTCache=".length())));
            }
        }
        List<Path> writable = new ArrayList<>();
        String poclCache = environment.variables(System.getenv()).get("POCL_CACHE_DIR");
        if (poclCache != null && !poclCache.isBlank()) {
            writable.add(Path.of(poclCache));
        }
        return new Confinement(dir, readable, writable, grantsNativeAccess());
    }

    /**
     * The feature version of the worker's java: this JVM's when it is this JVM's java, else read
     * from the JDK's {@code release} file; 0 when unknown.
     */
    int javaFeature() {
        Path home = javaExecutable.toAbsolutePath().normalize().getParent();
        home = home == null ? null : home.getParent();
        if (home != null && home.equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())) {
            return Runtime.version().feature();
        }
        try {
            for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Runtime.Version.parse(v).feature();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown: no version-dependent options
        }
        return 0;
    }

    /** Denies JNI, FFM and Unsafe memory access where the worker's java can, unless set by the launch. */
    private List<String> nativeWalls() {
        List<String> walls = new ArrayList<>();
        int feature = javaFeature();
        if (feature >= 24 && extraJvmOptions.stream().noneMatch(o -> o.startsWith("--illegal-native-access"))) {
            walls.add("--illegal-native-access=deny");
        }
        if (feature >= 23 && extraJvmOptions.stream().noneMatch(o -> o.startsWith("--sun-misc-unsafe-memory-access"))) {
            walls.add("--sun-misc-unsafe-memory-access=deny");
        }
        return walls;
    }

    /** The java command line alone, outside any sandbox. */
    List<String> javaCommand(Path dir, List<String> moreOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.add("-Xmx" + heapMiB + "m");
        cmd.add("-XX:ActiveProcessorCount=" + processors);
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-XX:-UsePerfData");                       // no hsperfdata file outside the private dir
        // the JVM's own log lines (warnings go to stdout by default, e.g. from an AOT cache's training run) would
        // land between the reply frames on stdout and break the channel: send them to stderr instead
        cmd.add("-Xlog:disable");
        cmd.add("-Xlog:all=warning:stderr");
        cmd.add("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        cmd.add("-Djava.io.tmpdir=" + dir);
        cmd.add("-Devolve.worker.dir=" + dir);
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(nativeWalls());
        cmd.addAll(extraJvmOptions);
        cmd.addAll(moreOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }
}
