package dev.evolve.eval.worker;

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
 * <p>The processor cap is the JVM's view ({@code -XX:ActiveProcessorCount}: thread pools, GC and
 * JIT threads size themselves by it), not an OS CPU quota; the heap cap does not bound native or
 * direct memory.
 *
 * @param tempRoot    where the per-worker private directories (and an AOT cache) are created
 * @param useAotCache train and use an ahead-of-time cache for faster worker starts when the class
 *                    path is all jars (see {@link AotCache}); ignored otherwise
 */
public record WorkerLaunch(Path javaExecutable, String classPath, int heapMiB, int processors,
                           WorkerEnvironment environment, Path tempRoot, List<String> extraJvmOptions,
                           boolean useAotCache) {

    public WorkerLaunch {
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(tempRoot, "tempRoot");
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

    /** The running JVM's java and class path, the minimal environment, the system temp directory. */
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
                useAotCache);
    }

    /** The same launch with {@code entry} (a user's jar, for example) added at the end of the class path. */
    public WorkerLaunch withClassPathEntry(Path entry) {
        String added = entry.toAbsolutePath().normalize().toString();
        return new WorkerLaunch(javaExecutable, classPath.isEmpty() ? added : classPath + java.io.File.pathSeparator + added,
                heapMiB, processors, environment, tempRoot, extraJvmOptions, useAotCache);
    }

    /** The same launch with {@code options} added to the worker's JVM options. */
    public WorkerLaunch withJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(extraJvmOptions);
        all.addAll(options);
        return new WorkerLaunch(javaExecutable, classPath, heapMiB, processors, environment, tempRoot, all,
                useAotCache);
    }

    public WorkerLaunch withAotCache(boolean use) {
        return new WorkerLaunch(javaExecutable, classPath, heapMiB, processors, environment, tempRoot,
                extraJvmOptions, use);
    }

    /** The command line for a worker whose private directory is {@code dir}. */
    List<String> command(Path dir) {
        return command(dir, List.of());
    }

    /** The command line, with {@code moreOptions} (such as an AOT cache) before the class path. */
    List<String> command(Path dir, List<String> moreOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        cmd.add("-Xmx" + heapMiB + "m");
        cmd.add("-XX:ActiveProcessorCount=" + processors);
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-XX:-UsePerfData");                       // no hsperfdata file outside the private dir
        cmd.add("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        cmd.add("-Djava.io.tmpdir=" + dir);
        cmd.add("-Devolve.worker.dir=" + dir);
        cmd.add("-Dfile.encoding=UTF-8");
        cmd.add("-Djava.awt.headless=true");
        cmd.addAll(extraJvmOptions);
        cmd.addAll(moreOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(WorkerMain.class.getName());
        return cmd;
    }
}
