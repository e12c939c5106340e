package dev.evolve.eval.testing;

import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.matmul.MatmulTarget;

/** Matmul candidates for tests: the seed with its evolve block replaced. */
public final class Candidates {

    public static final String SEED = new MatmulTarget().seedSource();

    private Candidates() {
    }

    /** The seed with {@code members} as the evolve block. */
    public static String withMembers(String members) {
        return EvolveBlock.of(SEED).orElseThrow().withBody(members);
    }

    /** A {@code multiply} whose body is {@code body}. */
    public static String withMultiplyBody(String body) {
        return withMembers("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                %s
                    }
                """.formatted(body));
    }

    /** The 1-based line on which the evolve block's first line lands. */
    public static int firstBlockLine() {
        String before = EvolveBlock.of(SEED).orElseThrow().before();
        return (int) before.chars().filter(ch -> ch == '\n').count() + 1;
    }

    /** The naive triple loop, correct for every n. */
    public static final String NAIVE_BODY = """
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0.0;
                            for (int k = 0; k < n; k++) {
                                sum += a[i * n + k] * b[k * n + j];
                            }
                            c[i * n + j] = sum;
                        }
                    }
            """;

    /**
     * Members of a correct, parallel, vectorized kernel that use every construct a kernel may:
     * records, a sealed interface, enums (a qualified enum label in a pattern switch), nested, local
     * and anonymous classes, lambdas, guarded pattern switches, parallel streams, the Vector API,
     * {@code assert} and exceptions.
     */
    public static final String EVERY_CONSTRUCT = """
                    sealed interface Step permits Scale, Shift {}
                    record Scale(double by) implements Step {}
                    record Shift(double by) implements Step {}
                    enum Order { IJK, IKJ }
                    static final Order ORDER = Order.valueOf("IKJ");
                    static final jdk.incubator.vector.VectorSpecies<Double> S = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED;
                    static final class Acc { double sum; void add(double x) { sum += x; } }

                    static double apply(Step s, double x) {
                        return switch (s) {
                            case Scale(double by) -> x * by;
                            case Shift sh when sh.by() == 0 -> x;
                            case Shift sh -> x + sh.by();
                        };
                    }

                    static int code(Object o) {
                        return switch (o) {
                            case Order.IJK -> 1;
                            case Order ord -> ord.ordinal() + 2;
                            case Integer i when i > 3 -> i;
                            case String str -> str.length();
                            default -> 0;
                        };
                    }

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        assert n >= 0 : "n " + n;
                        java.util.Arrays.fill(c, 0.0);
                        java.util.function.IntUnaryOperator row = i -> i * n;
                        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                            for (int k = 0; k < n; k++) {
                                double aik = a[row.applyAsInt(i) + k];
                                int j = 0;
                                for (; j + S.length() <= n; j += S.length()) {
                                    var cv = jdk.incubator.vector.DoubleVector.fromArray(S, c, i * n + j);
                                    var bv = jdk.incubator.vector.DoubleVector.fromArray(S, b, k * n + j);
                                    cv.add(bv.mul(aik)).intoArray(c, i * n + j);
                                }
                                for (; j < n; j++) {
                                    c[i * n + j] = Math.fma(aik, b[k * n + j], c[i * n + j]);
                                }
                            }
                        });
                        Acc acc = new Acc();
                        new Object() { void touch() { acc.add(apply(new Scale(1), 0) + code(ORDER) * 0); } }.touch();
                        Runnable r = () -> acc.add(Math.max(0, Double.compare(1, 2)));
                        r.run();
                        if (Double.isNaN(acc.sum) || Order.values().length != 2 || new Scale(2).equals(new Shift(2))) {
                            throw new IllegalStateException("never: " + acc.sum + new Scale(3));
                        }
                    }
                """;

    /**
     * Reaches {@code ClassLoader.getSystemClassLoader} through a method reference passed to a
     * generic helper: the source names no forbidden call, the class file refers to it.
     */
    public static final String LOADER_THROUGH_GENERIC_HELPER = withMembers("""
                static <T> T pick(java.util.function.Supplier<T> s) { return s.get(); }
                @Override
                public void multiply(double[] a, double[] b, double[] c, int n) {
                    Object loader = pick(ClassLoader::getSystemClassLoader);
                    c[0] = loader.hashCode();
                }
            """);
}
