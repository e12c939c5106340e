package dev.evolve.bench;

import dev.evolve.kernels.InputSnapshot;
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
import java.security.SecureRandom;
import java.util.SplittableRandom;
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
 * <p>Every invocation gets a fresh problem (inputs drawn from a new seed, the output filled with
 * fresh noise, the reference's answer) and is verified after it ran, inputs included: a variant
 * that computes the wrong answer, returns early when the output already holds the answer, or
 * answers from a cache of earlier calls makes the run fail instead of getting a score. The
 * preparation and the verification are {@link Level#Invocation} fixtures, outside the measured
 * region; JMH's per-invocation timestamps cost microseconds, which is noise for kernels that run
 * for milliseconds (the targets here), though it would not be for sub-microsecond ones. Building
 * the problem runs the reference, so an iteration holds fewer invocations than its wall time
 * suggests; the measured time is the kernel's alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VariantBenchmark {

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
    private KernelTarget kernelTarget;
    private int n;
    private SplittableRandom seeds;
    private Problem current;
    private InputSnapshot inputs;

    /** Loads and instantiates the variant. */
    @Setup(Level.Trial)
    public void loadVariant() throws IOException, ReflectiveOperationException {
        kernelTarget = Targets.require(target);
        n = size == 0 ? kernelTarget.timingSize() : size;
        if (n < 0) {
            throw new IllegalArgumentException("size must be >= 0 (0: the target's timing size): " + size);
        }
        Path dir = Path.of(classDir);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("class directory does not exist: " + dir);
        }
        loader = new URLClassLoader(new URL[] {toUrl(dir)}, VariantBenchmark.class.getClassLoader());
        kernel = instantiate(loader.loadClass(className), kernelTarget.kernelInterface());
        seeds = new SplittableRandom(new SecureRandom().nextLong());   // inputs the variant cannot foresee
    }

    /** A fresh problem: new inputs, fresh noise in the output, the reference's answer, a copy of the inputs. */
    @Setup(Level.Invocation)
    public void nextProblem() {
        current = kernelTarget.newProblem(n, seeds.nextLong());
        inputs = InputSnapshot.of(current);
    }

    @Benchmark
    public void invoke() {
        current.invoke(kernel);
    }

    /** Fails the run when this invocation's output is wrong or its inputs were changed. */
    @TearDown(Level.Invocation)
    public void verifyOutput() {
        current.verify().or(() -> inputs.changedIn(current)).ifPresent(m -> {
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
