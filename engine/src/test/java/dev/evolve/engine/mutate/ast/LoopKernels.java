package dev.evolve.engine.mutate.ast;

import static org.assertj.core.api.Assertions.fail;

import dev.evolve.eval.compile.BytesClassLoader;
import dev.evolve.eval.compile.InMemoryCompiler;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.SplittableRandom;

/**
 * Test support for rewrites of small hand-written loop kernels: a method {@code run} in an evolve block of class K,
 * compiled in memory, run on random arrays beside the original, every array argument compared afterwards.
 */
final class LoopKernels {

    private static final InMemoryCompiler COMPILER = new InMemoryCompiler();
    static final int[] SIZES = {0, 1, 3, 7, 8, 16, 17, 31, 64, 67, 131, 200};

    private LoopKernels() {
    }

    /** out = transpose(a) * a, a reduction into a local: a[k * n + i] is read at stride n along the k loop. */
    static final String ATA = """
            public void run(int n, double[] a, double[] out) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0.0;
                        for (int k = 0; k < n; k++) {
                            sum += a[k * n + i] * a[k * n + j];
                        }
                        out[i * n + j] = sum;
                    }
                }
            }""";

    /** A class K whose evolve block is {@code method}; imports the Vector API when asked. */
    static String source(String method, boolean vectorImports) {
        return (vectorImports ? "import jdk.incubator.vector.*;\n" : "") + """
                public final class K {
                    // EVOLVE-BLOCK-START
                    %s
                    // EVOLVE-BLOCK-END
                }
                """.formatted(method);
    }

    static synchronized Object load(String source) {
        return switch (COMPILER.compile("K", source)) {
            case InMemoryCompiler.Result.Compiled c -> {
                try {
                    yield new BytesClassLoader(c.classes(), LoopKernels.class.getClassLoader()).loadClass("K")
                            .getDeclaredConstructor().newInstance();
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

    /** Runs both on the same random inputs at every size; arrays must agree (floating values within 1e-12). */
    static void assertSameResults(String original, String rewritten) {
        Object a = load(original);
        Object b = load(rewritten);
        Method ma = run(a);
        Method mb = run(b);
        for (int n : SIZES) {
            SplittableRandom rnd = new SplittableRandom(7 + n);
            Class<?>[] types = ma.getParameterTypes();
            Object[] argsA = new Object[types.length];
            Object[] argsB = new Object[types.length];
            for (int p = 0; p < types.length; p++) {
                argsA[p] = value(types[p], n, rnd);
                argsB[p] = copy(argsA[p]);
            }
            try {
                ma.invoke(a, argsA);
                mb.invoke(b, argsB);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("n=" + n + "\n" + rewritten, e);
            }
            for (int p = 0; p < types.length; p++) {
                if (types[p].isArray()) {
                    for (int i = 0; i < Array.getLength(argsA[p]); i++) {
                        double x = ((Number) Array.get(argsA[p], i)).doubleValue();
                        double y = ((Number) Array.get(argsB[p], i)).doubleValue();
                        double tolerance = 1e-12 * Math.max(1, Math.abs(x)) * (types[p] == float[].class ? 1e7 : 1);
                        if (!(Math.abs(x - y) <= tolerance) && !(Double.isNaN(x) && Double.isNaN(y))) {
                            fail("n=%d arg %d [%d]: %s vs %s%n%s".formatted(n, p, i, x, y, rewritten));
                        }
                    }
                }
            }
        }
    }

    private static Method run(Object k) {
        for (Method m : k.getClass().getMethods()) {
            if (m.getName().equals("run")) {
                return m;
            }
        }
        throw new AssertionError("no run method");
    }

    /** An argument: n for an int, small constants for other scalars, random arrays of n * n + 80 elements. */
    private static Object value(Class<?> type, int n, SplittableRandom rnd) {
        int len = n * n + 80;
        if (type == int.class) {
            return n;
        }
        if (type == double.class) {
            return 1.5;
        }
        if (type == float.class) {
            return 1.5f;
        }
        if (type == long.class) {
            return 3L;
        }
        Object out = Array.newInstance(type.getComponentType(), len);
        for (int i = 0; i < len; i++) {
            if (type == double[].class) {
                Array.setDouble(out, i, rnd.nextDouble(-1, 1));
            } else if (type == float[].class) {
                Array.setFloat(out, i, (float) rnd.nextDouble(-1, 1));
            } else if (type == int[].class) {
                Array.setInt(out, i, rnd.nextInt(-1000, 1000));
            } else if (type == long[].class) {
                Array.setLong(out, i, rnd.nextLong(-100000, 100000));
            }
        }
        return out;
    }

    private static Object copy(Object v) {
        if (v != null && v.getClass().isArray()) {
            int len = Array.getLength(v);
            Object out = Array.newInstance(v.getClass().getComponentType(), len);
            System.arraycopy(v, 0, out, 0, len);
            return out;
        }
        return v;
    }
}
