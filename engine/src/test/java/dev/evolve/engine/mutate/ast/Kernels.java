package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.matmul.MatmulKernel;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.util.Map;
import java.util.Optional;

/** Test support: the seed, compiling a variant in memory, and checking it against the reference. */
final class Kernels {

    static final MatmulTarget TARGET = new MatmulTarget();
    static final String SEED = TARGET.seedSource();
    static final int[] SIZES = {1, 7, 17, 64, 67};

    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();

    private Kernels() {
    }

    /** Compiles and instantiates a variant; fails the test with javac's diagnostics when it does not compile. */
    static synchronized MatmulKernel load(String source) {
        return switch (COMPILER.compile("Matmul", source)) {
            case InMemoryCompiler.Result.Compiled c -> instantiate(c.classes());
            case InMemoryCompiler.Result.Failed f -> {
                fail("does not compile: " + f.diagnostics() + "\n" + source);
                yield null;
            }
        };
    }

    private static MatmulKernel instantiate(Map<String, byte[]> classes) {
        ClassLoader loader = new dev.evolve.eval.compile.BytesClassLoader(classes, Kernels.class.getClassLoader());
        try {
            return (MatmulKernel) loader.loadClass("Matmul").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Compiles the variant and checks it at every size (c pre-filled with noise each time). */
    static void assertCorrect(String source, int... sizes) {
        MatmulKernel kernel = load(source);
        for (int n : sizes.length == 0 ? SIZES : sizes) {
            Problem p = TARGET.newProblem(n, 42L + n);
            p.invoke(kernel);
            Optional<Mismatch> m = p.verify();
            assertThat(m).as("n=%d\n%s", n, source).isEmpty();
        }
    }

    /** The text outside the evolve block is unchanged. */
    static void assertOutsideUnchanged(String before, String after) {
        EvolveBlock a = EvolveBlock.of(before).orElseThrow();
        EvolveBlock b = EvolveBlock.of(after).orElseThrow();
        assertThat(b.before()).isEqualTo(a.before());
        assertThat(b.after()).isEqualTo(a.after());
    }

    /** The method body of multiply, whitespace collapsed, for structural assertions. */
    static String body(String source) {
        return EvolveBlock.of(source).orElseThrow().body().replaceAll("\\s+", " ");
    }

    static String apply(Rewrite r, String source, int knob) {
        Optional<String> out = r.apply(source, knob);
        assertThat(out).as("%s(%d) should apply to\n%s", r.name(), knob, source).isPresent();
        assertOutsideUnchanged(source, out.get());
        return out.get();
    }
}
