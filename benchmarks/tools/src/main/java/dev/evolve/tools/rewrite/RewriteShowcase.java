package dev.evolve.tools.rewrite;

import dev.evolve.engine.mutate.ast.RewriteChains;
import dev.evolve.engine.mutate.ast.RewriteChains.Step;
import dev.evolve.engine.mutate.ast.RewriteLibrary;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a rewrite chain to a target's seed (by default the best known chain of matmul), one step at a time,
 * and prints each step's speed: every intermediate variant is compiled in memory, checked against the
 * reference at a few sizes, then timed at the timing size (warm-up runs first, then the median of several
 * runs). A figure printer, not a test.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp benchmarks/tools/target/evolve-tools.jar \
 *      dev.evolve.tools.rewrite.RewriteShowcase [--target=matmul] [--n=N] [--runs=7] [--chain=interchange:0,hoist:0,...] [--print]
 * </pre>
 *
 * {@code --chain} names rewrites of {@link RewriteLibrary#forTarget(String)} with their knobs (default:
 * {@link RewriteChains#defaultChain(String)}); {@code --n} overrides the target's timing size; {@code --print} prints the
 * final variant.
 *
 * Variants share one JVM, each in its own class loader; the harness call site is the same for all, but each
 * variant's loops are compiled separately, so the figures are a fair screen (JMH confirmation is separate).
 */
public final class RewriteShowcase {

    private RewriteShowcase() {
    }

    public static void main(String[] args) {
        String targetName = "matmul";
        int n = 0;
        int runs = 7;
        String chainSpec = null;
        boolean print = false;
        for (String arg : args) {
            if (arg.startsWith("--target=")) {
                targetName = arg.substring(9);
            } else if (arg.startsWith("--n=")) {
                n = Integer.parseInt(arg.substring(4));
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--chain=")) {
                chainSpec = arg.substring(8);
            } else if (arg.equals("--print")) {
                print = true;
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg
                        + " (expected --target=, --n=, --runs=, --chain=name:knob,..., --print)");
            }
        }
        KernelTarget base = Targets.require(targetName);
        KernelTarget target = Targets.withTimingSize(base, n > 0 ? n : base.timingSize());
        List<Step> chain = chainSpec != null ? RewriteChains.parseChain(targetName, chainSpec) : RewriteChains.defaultChain(targetName);
        n = target.timingSize();
        String source = target.seedSource();
        System.out.printf("%s n=%d, %d timed runs after warm-up, %d cores, species %s%n", targetName, n, runs,
                Runtime.getRuntime().availableProcessors(), jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED);
        System.out.printf("%-28s %10s %10s %10s%n", "step", "median", "best", "worst");
        try (InMemoryCompiler compiler = new InMemoryCompiler()) {
            report("seed", source, target, compiler, runs);
            for (Step step : chain) {
                Optional<String> next = step.rewrite().apply(source, step.knob());
                if (next.isEmpty()) {
                    System.out.printf("%-28s does not apply; chain stops%n", step.label());
                    break;
                }
                source = next.get();
                report("+ " + step.label(), source, target, compiler, runs);
            }
        }
        if (print) {
            System.out.println(source);
        }
    }

    private static void report(String label, String source, KernelTarget target, InMemoryCompiler compiler, int runs) {
        Object kernel = switch (compiler.compile(target.className(), source)) {
            case InMemoryCompiler.Result.Compiled c -> instantiate(c.classes(), target.className());
            case InMemoryCompiler.Result.Failed f -> throw new IllegalStateException(label + " does not compile: " + f.diagnostics());
        };
        for (int size : new int[] {1, 17, 67}) {
            Problem check = target.newProblem(size, size);
            check.invoke(kernel);
            check.verify().ifPresent(m -> {
                throw new IllegalStateException(label + " is wrong: " + m);
            });
        }
        int n = target.timingSize();
        Problem problem = target.newProblem(n, 1);
        double flops = target.flops(n);
        // warm-up: many calls at a small size get the whole method compiled by C2 (Vector API code is very
        // slow until then), then a few seconds at the timing size
        Problem small = target.newProblem(Math.min(64, n), 2);
        long smallUntil = System.nanoTime() + 1_000_000_000L;
        for (int i = 0; i < 2_000 && System.nanoTime() < smallUntil; i++) {
            small.invoke(kernel);
        }
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 3 || System.nanoTime() < warmUntil; i++) {
            problem.invoke(kernel);
        }
        List<Double> gflops = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            problem.invoke(kernel);
            long t1 = System.nanoTime();
            gflops.add(flops / (t1 - t0));
        }
        problem.verify().ifPresent(m -> {
            throw new IllegalStateException(label + " is wrong at the timing size: " + m);
        });
        double[] sorted = gflops.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%-28s %10.2f %10.2f %10.2f  GFLOP/s%n", label, sorted[sorted.length / 2],
                sorted[sorted.length - 1], sorted[0]);
        System.out.flush();
    }

    private static Object instantiate(Map<String, byte[]> classes, String name) {
        ClassLoader loader = new ClassLoader(RewriteShowcase.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String binaryName) throws ClassNotFoundException {
                byte[] bytes = classes.get(binaryName);
                if (bytes == null) {
                    throw new ClassNotFoundException(binaryName);
                }
                return defineClass(binaryName, bytes, 0, bytes.length);
            }
        };
        try {
            return loader.loadClass(name).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + name, e);
        }
    }
}
