package dev.evolve.tools.eval;

import dev.evolve.eval.bytecode.ApiAllowlist;
import dev.evolve.eval.bytecode.ClassFileCheck;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints what the class-file check costs per candidate: the first check in a fresh JVM (ASM and
 * the allowlist's tables loading), then the median and maximum over repeated checks of every
 * built-in seed and of each Java file given (checked against the target its name or folder's
 * {@code config.yaml} gives, matmul otherwise). Target: under 20 ms per candidate.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp engine/target/evolve.jar \
 *     dev.evolve.eval.bytecode.ClassFileCheckBenchmark [repeats=200] [results/matmul/best.java ...]
 * </pre>
 */
public final class ClassFileCheckBenchmark {

    private ClassFileCheckBenchmark() {
    }

    private record Case(String name, KernelTarget target, Map<String, byte[]> classes) {
    }

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        List<Case> cases = new ArrayList<>();
        try (var javac = new InMemoryCompiler()) {
            for (KernelTarget t : Targets.all()) {
                cases.add(new Case(t.name() + " seed", t, compile(javac, t, t.seedSource())));
            }
            for (int i = 1; i < args.length; i++) {
                Path file = Path.of(args[i]);
                KernelTarget t = targetOf(file);
                cases.add(new Case(file.toString(), t, compile(javac, t, Files.readString(file))));
            }
        }
        Case first = cases.getFirst();
        long t0 = System.nanoTime();
        List<String> reasons = new ClassFileCheck(ApiAllowlist.javaKernel(first.target())).violations(first.classes());
        System.out.printf(Locale.ROOT, "first check in a fresh JVM (%s): %.1f ms, %d reasons%n", first.name(),
                (System.nanoTime() - t0) / 1e6, reasons.size());
        for (Case c : cases) {
            var wall = new ClassFileCheck(ApiAllowlist.javaKernel(c.target()));
            long[] ns = new long[repeats];
            int found = 0;
            for (int r = 0; r < repeats; r++) {
                long s = System.nanoTime();
                found = wall.violations(c.classes()).size();
                ns[r] = System.nanoTime() - s;
            }
            Arrays.sort(ns);
            int bytes = c.classes().values().stream().mapToInt(b -> b.length).sum();
            System.out.printf(Locale.ROOT, "%-40s %2d classes %6d bytes: median %.3f ms, max %.3f ms, %d reasons%n",
                    c.name(), c.classes().size(), bytes, ns[repeats / 2] / 1e6, ns[repeats - 1] / 1e6, found);
        }
    }

    private static Map<String, byte[]> compile(InMemoryCompiler javac, KernelTarget t, String source) {
        return switch (javac.compile(t.className(), source)) {
            case InMemoryCompiler.Result.Compiled c -> c.classes();
            case InMemoryCompiler.Result.Failed f -> throw new IllegalArgumentException(t.name() + ": " + f.diagnostics());
        };
    }

    /** The target named by a {@code config.yaml} beside the file ({@code target: name}), matmul otherwise. */
    private static KernelTarget targetOf(Path file) throws java.io.IOException {
        Path config = file.toAbsolutePath().resolveSibling("config.yaml");
        if (Files.isRegularFile(config)) {
            for (String line : Files.readAllLines(config)) {
                if (line.startsWith("target:")) {
                    return Targets.require(line.substring("target:".length()).strip());
                }
            }
        }
        return Targets.require("matmul");
    }
}
