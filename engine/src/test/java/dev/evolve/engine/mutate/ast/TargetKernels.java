package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.eval.compile.BytesClassLoader;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Problem;
import dev.evolve.kernels.Targets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/** Test support for any built-in target: its seed, compiling a variant in memory, checking it with the target's problems. */
final class TargetKernels {

    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();

    private TargetKernels() {
    }

    static KernelTarget target(String name) {
        return Targets.require(name);
    }

    static String seed(String name) {
        return target(name).seedSource();
    }

    /** A variant of the target's seed with another evolve block body. */
    static String withBody(String name, String body) {
        return EvolveBlock.of(seed(name)).orElseThrow().withBody(body);
    }

    /** Compiles and instantiates a variant; fails the test with javac's diagnostics when it does not compile. */
    static synchronized Object load(KernelTarget target, String source) {
        return switch (COMPILER.compile(target.className(), source)) {
            case InMemoryCompiler.Result.Compiled c -> {
                ClassLoader loader = new BytesClassLoader(c.classes(), TargetKernels.class.getClassLoader());
                try {
                    yield loader.loadClass(target.className()).getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
            case InMemoryCompiler.Result.Failed f -> {
                fail("does not compile: " + f.diagnostics() + "\n" + source);
                yield null;
            }
        };
    }

    /**
     * Compiles the variant and checks it against the reference at every check size of the target and at
     * {@code extraSizes} (each on a fresh problem whose output holds noise).
     */
    static void assertCorrect(String name, String source, int... extraSizes) {
        KernelTarget target = target(name);
        Object kernel = load(target, source);
        java.util.List<Integer> sizes = new java.util.ArrayList<>(target.checkSizes());
        for (int n : extraSizes) {
            sizes.add(n);
        }
        for (int n : sizes) {
            Problem p = target.newProblem(n, 42L + n);
            p.invoke(kernel);
            assertThat(p.verify()).as("%s n=%d\n%s", name, n, source).isEmpty();
            p.scrambleOutput();
            p.invoke(kernel);
            assertThat(p.verify()).as("%s n=%d, second call\n%s", name, n, source).isEmpty();
        }
    }

    /** Applies a rewrite, asserting that it applies and leaves the text outside the evolve block alone. */
    /**
     * {@code walks} random chains of up to {@code steps} rewrites of {@code library} (rewrite and knob drawn
     * from {@code rnd}) from {@code seed}; every rewrite that applies hands the new source and the chain so
     * far to {@code check}. Returns how many applied.
     */
    static int randomWalks(List<Rewrite> library, String seed, SplittableRandom rnd, int walks, int steps,
                           BiConsumer<String, String> check) {
        int applied = 0;
        for (int walk = 0; walk < walks; walk++) {
            String source = seed;
            StringBuilder path = new StringBuilder();
            for (int step = 0; step < steps; step++) {
                Rewrite r = library.get(rnd.nextInt(library.size()));
                int knob = r.knobs().get(rnd.nextInt(r.knobs().size()));
                Optional<String> out = r.apply(source, knob);
                if (out.isPresent()) {
                    path.append(r.name()).append('(').append(knob).append(") ");
                    source = out.get();
                    check.accept(source, path.toString());
                    applied++;
                }
            }
        }
        return applied;
    }

    static String apply(Rewrite r, String source, int knob) {
        Optional<String> out = r.apply(source, knob);
        assertThat(out).as("%s(%d) should apply to\n%s", r.name(), knob, source).isPresent();
        Kernels.assertOutsideUnchanged(source, out.get());
        return out.get();
    }
}
