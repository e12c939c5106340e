package dev.evolve.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Array;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every built-in target promises: a seed that compiles and passes, seeded inputs, honest counts. */
class TargetContractTest {

    static Stream<KernelTarget> targets() {
        return Targets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void seedCompilesAndPassesAtEveryCheckSize(KernelTarget target) {
        Object seed = SeedCompiler.instantiateSeed(target);
        assertThat(seed).isInstanceOf(target.kernelInterface());
        for (int n : target.checkSizes()) {
            Problem p = target.newProblem(n, 7L + n);
            p.invoke(seed);
            assertThat(p.verify()).as("%s at n=%d", target.name(), n).isEmpty();
            p.scrambleOutput();     // a second run on scrambled output must pass too
            p.invoke(seed);
            assertThat(p.verify()).as("%s again at n=%d", target.name(), n).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aCopyOfAnOutputVerifiesOnTheSameSeedsProblemElsewhereAndOnlyThere(KernelTarget target) {
        Object seed = SeedCompiler.instantiateSeed(target);
        int n = target.checkSizes().getLast();
        Problem worker = target.newProblem(n, 99L);
        InputSnapshot inputs = InputSnapshot.of(worker);
        worker.invoke(seed);
        assertThat(inputs.changedIn(worker)).as("the seed leaves its inputs alone").isEmpty();
        Object copy = copyOf(worker.output());

        Problem engine = target.newProblem(n, 99L);
        engine.loadOutput(copy);
        assertThat(engine.verify()).as("%s: the copy verifies on the same seed", target.name()).isEmpty();
        Problem other = target.newProblem(n, 100L);
        other.loadOutput(copy);
        assertThat(other.verify()).as("%s: not on another seed's inputs", target.name()).isPresent();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.loadOutput(new long[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aKernelThatWritesToAnInputIsNamed(KernelTarget target) {
        Problem p = target.newProblem(target.checkSizes().getLast(), 5L);
        InputSnapshot before = InputSnapshot.of(p);
        Object first = p.inputs().getFirst();
        switch (first) {
            case int[] v -> v[0]++;
            case float[] v -> v[0] = Math.nextUp(v[0]);
            case double[] v -> v[0] = Math.nextUp(v[0]);
            default -> throw new AssertionError("unexpected input type " + first.getClass());
        }

        Optional<Mismatch> changed = before.changedIn(p);
        assertThat(changed).isPresent();
        assertThat(changed.get().where()).contains("input 0 element 0 was changed");
    }

    private static Object copyOf(Object array) {
        Object copy = Array.newInstance(array.getClass().getComponentType(), Array.getLength(array));
        System.arraycopy(array, 0, copy, 0, Array.getLength(array));
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aKernelThatLeavesTheOutputAloneFailsAtTheFirstElement(KernelTarget target) {
        Object idle = idleKernel(target, new AtomicReference<>());
        for (int n : target.checkSizes()) {
            Problem p = target.newProblem(n, 11L);
            p.invoke(idle);
            Optional<Mismatch> wrong = p.verify();
            assertThat(wrong).as("%s at n=%d", target.name(), n).isPresent();
            assertThat(wrong.get().size()).isEqualTo(n);
            assertThat(wrong.get().index()).isZero();
            assertThat(wrong.get().actual()).isNotEqualTo(wrong.get().expected());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theSameSeedGivesTheSameInputsAndAnotherSeedOtherInputs(KernelTarget target) {
        int n = target.checkSizes().get(target.checkSizes().size() / 2);
        assertThat(arguments(target, n, 42L)).isEqualTo(arguments(target, n, 42L));
        assertThat(arguments(target, n, 42L)).isNotEqualTo(arguments(target, n, 43L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void countsAreSizesArePositiveAndTheSeedHasItsMarkersOnce(KernelTarget target) {
        assertThat(target.flops(target.timingSize())).isPositive();
        assertThat(target.bytes(target.timingSize())).isPositive();
        for (int n : target.checkSizes()) {
            assertThat(target.bytes(n)).as("bytes at n=%d", n).isPositive();
        }
        assertThat(target.checkSizes()).isNotEmpty().contains(1).isSorted();
        assertThat(target.checkSizes()).anyMatch(n -> n % 2 == 1 && n > 16);
        assertThat(target.timingSize()).isPositive();
        assertThat(target.allowedConstructs()).contains(Construct.PARALLEL_STREAMS, Construct.VECTOR_API);
        // atomics only where a rewrite needs them: prefix-sum's one-pass scan hands prefixes on through them
        assertThat(target.allowedConstructs().contains(Construct.ATOMICS)).isEqualTo(target.name().equals("prefix-sum"));

        String seed = target.seedSource();
        assertThat(occurrences(seed, EvolveBlock.START)).isEqualTo(1);
        assertThat(occurrences(seed, EvolveBlock.END)).isEqualTo(1);
        assertThat(EvolveBlock.of(seed)).isPresent();
        String before = EvolveBlock.of(seed).orElseThrow().before();
        assertThat(before).contains("import " + target.kernelInterface().getName() + ";")
                .contains("import java.util.stream.IntStream;")
                .contains("import jdk.incubator.vector.VectorSpecies;")
                .contains("public final class " + target.className() + " implements "
                        + target.kernelInterface().getSimpleName());
        assertThat(target.kernelInterface().getDeclaredMethods()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void resizedTargetsKeepTheCounts(KernelTarget target) {
        KernelTarget small = Targets.withTimingSize(target, 3);
        assertThat(small.timingSize()).isEqualTo(3);
        assertThat(small.bytes(100)).isEqualTo(target.bytes(100));
        assertThat(small.flops(100)).isEqualTo(target.flops(100));
    }

    /** Deep copies of the arguments the problem hands to the kernel. */
    private static String arguments(KernelTarget target, int n, long seed) {
        AtomicReference<String> seen = new AtomicReference<>();
        target.newProblem(n, seed).invoke(idleKernel(target, seen));
        assertThat(seen.get()).isNotNull();
        return seen.get();
    }

    /** A kernel that records its arguments and writes nothing (returns zero when it must return a value). */
    private static Object idleKernel(KernelTarget target, AtomicReference<String> seen) {
        Class<?> type = target.kernelInterface();
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "idle";
            }
            StringBuilder all = new StringBuilder();
            for (Object a : args) {
                all.append(a.getClass().isArray() ? arrayText(a) : String.valueOf(a)).append('|');
            }
            seen.set(all.toString());
            return zero(method.getReturnType());
        });
    }

    private static Object zero(Class<?> type) {
        if (type == double.class) {
            return 0.0;
        } else if (type == float.class) {
            return 0.0f;
        } else if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static String arrayText(Object array) {
        Object[] boxed = new Object[Array.getLength(array)];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = Array.get(array, i);
        }
        return Arrays.toString(boxed);
    }

    private static int occurrences(String text, String marker) {
        int count = 0;
        for (int i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) {
            count++;
        }
        return count;
    }
}
