package dev.evolve.bench.compare;

import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
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
 * Times one contender of one target: the seed, an evolved winner or a library baseline (see
 * {@link Contenders} for the variant names). Like {@link dev.evolve.bench.VariantBenchmark}, each
 * iteration runs on the next of {@value #PROBLEMS} seeded problems with a scrambled output, and the
 * output is verified against the target's reference after the iteration, so a wrong contender gets
 * no score. Run by {@link CompareLauncher}; its JSON rows carry {@code params.target} and
 * {@code params.variant}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompareBenchmark {

    static final int PROBLEMS = 3;

    /** Name of the target in {@link Targets}. */
    @Param("matmul")
    public String target;

    /** seed, evolved, reference-FOLDER, or a baseline such as ejml or ojalgo. */
    @Param("seed")
    public String variant;

    /** Problem size; 0 means the target's timing size. */
    @Param("0")
    public int size;

    /** The results folder the winners are read from. */
    @Param("results")
    public String results;

    private Contenders.Contender contender;
    private Problem[] problems;
    private int iteration;
    private Problem current;

    /** Opens the contender (compiling sources) and builds the problems with their reference answers. */
    @Setup(Level.Trial)
    public void open() {
        KernelTarget t = Targets.require(target);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0 (0: the target's timing size): " + size);
        }
        int n = size == 0 ? t.timingSize() : size;
        contender = Contenders.open(t, variant, Path.of(results));
        problems = new Problem[PROBLEMS];
        for (int i = 0; i < PROBLEMS; i++) {
            problems[i] = t.newProblem(n, 1000L + i);
        }
    }

    /** Picks the next problem and fills its output with noise, so the contender must write all of it. */
    @Setup(Level.Iteration)
    public void nextProblem() {
        current = problems[iteration++ % PROBLEMS];
        current.scrambleOutput();
    }

    @Benchmark
    public void invoke() {
        current.invoke(contender.kernel());
    }

    /** Fails the run when the iteration's output is wrong. */
    @TearDown(Level.Iteration)
    public void verifyOutput() {
        current.verify().ifPresent(m -> {
            throw new IllegalStateException(target + " variant " + variant + " (" + contender.origin()
                    + ") computed a wrong result: " + m.describe());
        });
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        if (contender != null) {
            contender.close();
        }
    }
}
