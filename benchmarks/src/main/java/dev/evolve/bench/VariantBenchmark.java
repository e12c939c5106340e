package dev.evolve.bench;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fixed JMH harness: times one invocation of a variant's kernel, the variant being a class
 * compiled at run time and loaded from {@link #classDir}. JMH cannot generate benchmarks at run
 * time, so the variant is a {@code @Param}, not a benchmark of its own.
 *
 * <p>Each iteration runs on the next of {@value #PROBLEMS} seeded problems with a scrambled
 * output, and the output is verified after the iteration: a variant that computes the wrong
 * answer makes the run fail instead of getting a score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VariantBenchmark {

    /** Problems rotated over iterations, so no single input's data layout decides the score. */
    static final int PROBLEMS = 3;

    /** Name of the target in {@link Targets}. */
    @Param("matmul")
    public String target;

    /** Directory holding the variant's class files (default package). */
    @Param({})
    public String classDir;

    /** Binary name of the variant's class. */
    @Param({})
    public String className;

    /** Problem size; 0 means the target's timing size. */
    @Param("0")
    public int size;

    private URLClassLoader loader;
    private Object kernel;
    private Problem[] problems;
    private int iteration;
    private Problem current;

    /** Loads and instantiates the variant, and builds the problems (with their reference answers). */
    @Setup(Level.Trial)
    public void loadVariant() throws IOException, ReflectiveOperationException {
        KernelTarget t = Targets.require(target);
        int n = size == 0 ? t.timingSize() : size;
        if (n < 0) {
            throw new IllegalArgumentException("size must be >= 0 (0: the target's timing size): " + size);
        }
        Path dir = Path.of(classDir);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("class directory does not exist: " + dir);
        }
        loader = new URLClassLoader(new URL[] {toUrl(dir)}, VariantBenchmark.class.getClassLoader());
        kernel = instantiate(loader.loadClass(className), t.kernelInterface());
        problems = new Problem[PROBLEMS];
        for (int i = 0; i < PROBLEMS; i++) {
            problems[i] = t.newProblem(n, 1000L + i);
        }
    }

    /** Picks the next problem and fills its output with noise, so the variant must write all of it. */
    @Setup(Level.Iteration)
    public void nextProblem() {
        current = problems[iteration++ % PROBLEMS];
        current.scrambleOutput();
    }

    @Benchmark
    public void invoke() {
        current.invoke(kernel);
    }

    /** Fails the run when the iteration's output is wrong. */
    @TearDown(Level.Iteration)
    public void verifyOutput() {
        current.verify().ifPresent(m -> {
            throw new IllegalStateException("variant " + className + " computed a wrong result: " + m.describe());
        });
    }

    @TearDown(Level.Trial)
    public void unload() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    private static Object instantiate(Class<?> variant, Class<?> api) throws ReflectiveOperationException {
        if (!api.isAssignableFrom(variant)) {
            throw new IllegalArgumentException(variant.getName() + " does not implement " + api.getName());
        }
        try {
            return variant.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructor of " + variant.getName() + " threw", e.getCause());
        }
    }

    private static URL toUrl(Path dir) {
        try {
            return dir.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad class directory " + dir, e);
        }
    }
}
