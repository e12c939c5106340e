package dev.evolve.eval.jmh;

import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import java.nio.file.Path;

/** Matmul variants compiled into class directories, for the JMH tests. */
final class Variants {

    private Variants() {
    }

    /** The seed's source with another evolve block body. */
    static String withBody(KernelTarget target, String body) {
        return EvolveBlock.of(target.seedSource()).orElseThrow().withBody(body);
    }

    /** The matmul seed with {@code body} as the body of {@code multiply}. */
    static String withMultiplyBody(KernelTarget target, String body) {
        return withBody(target, """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                %s
                    }
                """.formatted(body));
    }

    /** A kernel that writes zeros: fast, and wrong. */
    static String zeros(KernelTarget target) {
        return withBody(target, """
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        java.util.Arrays.fill(c, 0.0);
                    }
                """);
    }

    /** Compiles {@code source} and writes its classes under {@code dir}. */
    static Path compileTo(KernelTarget target, String source, Path dir) {
        try (var compiler = new InMemoryCompiler()) {
            return switch (compiler.compile(target.className(), source)) {
                case InMemoryCompiler.Result.Compiled c -> {
                    c.writeTo(dir);
                    yield dir;
                }
                case InMemoryCompiler.Result.Failed f -> throw new AssertionError("does not compile: " + f.diagnostics());
            };
        }
    }
}
