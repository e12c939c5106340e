package dev.evolve.eval.statics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.testing.RestrictedMatmul;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JavaParserStaticCheckTest {

    private static final KernelTarget MATMUL = Targets.require("matmul");
    private final JavaParserStaticCheck check = new JavaParserStaticCheck();

    /** The seed with its block body replaced; the body's first line is line 10 of the file. */
    private static String withBody(String body) {
        return EvolveBlock.of(MATMUL.seedSource()).orElseThrow().withBody(body);
    }

    private static final int BODY_LINE = 10;

    /** A body whose line {@code BODY_LINE + 2} holds {@code statement}, inside a correct kernel. */
    private static String withStatement(String statement) {
        return withBody("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        %s
                        java.util.Arrays.fill(c, 0.0);
                    }
                """.formatted(statement));
    }

    /** A correct kernel followed by {@code member}, on line {@code BODY_LINE + 4}. */
    private static String withMemberAfterKernel(String member) {
        return withBody("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        java.util.Arrays.fill(c, 0.0);
                    }
                    %s
                """.formatted(member));
    }

    @Test
    void seedPasses() {
        assertThat(check.violations(MATMUL, MATMUL.seedSource())).isEmpty();
    }

    @Test
    void seedWithCrlfLineEndingsAndTrailingSpacesPasses() {
        String crlf = MATMUL.seedSource().replace("\n", "  \r\n");
        assertThat(check.violations(MATMUL, crlf)).isEmpty();
    }

    @Test
    void parallelIkjKernelPasses() {
        String v = withBody("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        IntStream.range(0, n).parallel().forEach(i -> {
                            int ci = i * n;
                            java.util.Arrays.fill(c, ci, ci + n, 0.0);
                            for (int k = 0; k < n; k++) {
                                double aik = a[ci + k];
                                int bk = k * n;
                                for (int j = 0; j < n; j++) {
                                    c[ci + j] += aik * b[bk + j];
                                }
                            }
                        });
                    }
                """);
        assertThat(check.violations(MATMUL, v)).isEmpty();
    }

    @Test
    void vectorApiFmaKernelWithTailLoopPasses() {
        String v = withBody("""
                    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        int upper = SPECIES.loopBound(n);
                        for (int i = 0; i < n; i++) {
                            int ci = i * n;
                            java.util.Arrays.fill(c, ci, ci + n, 0.0);
                            for (int k = 0; k < n; k++) {
                                DoubleVector aik = DoubleVector.broadcast(SPECIES, a[ci + k]);
                                int bk = k * n;
                                int j = 0;
                                for (; j < upper; j += SPECIES.length()) {
                                    DoubleVector acc = DoubleVector.fromArray(SPECIES, c, ci + j);
                                    aik.fma(DoubleVector.fromArray(SPECIES, b, bk + j), acc).intoArray(c, ci + j);
                                }
                                if (j < n) {
                                    VectorMask<Double> m = SPECIES.indexInRange(j, n);
                                    DoubleVector acc = DoubleVector.fromArray(SPECIES, c, ci + j, m);
                                    aik.fma(DoubleVector.fromArray(SPECIES, b, bk + j, m), acc).intoArray(c, ci + j, m);
                                }
                            }
                        }
                        double total = DoubleVector.zero(SPECIES).reduceLanes(VectorOperators.ADD);
                        if (total != 0.0) {
                            throw new IllegalStateException();
                        }
                    }
                """);
        assertThat(check.violations(MATMUL, v)).isEmpty();
    }

    @Test
    void tiledKernelWithConstantHelperAndNestedClassPasses() {
        String v = withBody("""
                    private static final int TILE = 64;

                    /** Scratch space per call. */
                    static final class Block {
                        final double[] data = new double[TILE * TILE];
                    }

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        System.arraycopy(new double[n * n], 0, c, 0, n * n);
                        for (int i0 = 0; i0 < n; i0 += TILE) {
                            for (int k0 = 0; k0 < n; k0 += TILE) {
                                for (int j0 = 0; j0 < n; j0 += TILE) {
                                    tile(a, b, c, n, i0, k0, j0);
                                }
                            }
                        }
                    }

                    private static void tile(double[] a, double[] b, double[] c, int n, int i0, int k0, int j0) {
                        int iMax = Math.min(i0 + TILE, n), kMax = Math.min(k0 + TILE, n), jMax = Math.min(j0 + TILE, n);
                        for (int i = i0; i < iMax; i++) {
                            for (int k = k0; k < kMax; k++) {
                                double aik = a[i * n + k];
                                for (int j = j0; j < jMax; j++) {
                                    c[i * n + j] += aik * b[k * n + j];
                                }
                            }
                        }
                    }
                """);
        assertThat(check.violations(MATMUL, v)).isEmpty();
    }

    static List<Arguments> forbiddenStatements() {
        return List.of(
                Arguments.of("java.nio.file.Files.writeString(java.nio.file.Path.of(\"x\"), \"y\");", "java.nio.file.Files"),
                Arguments.of("try (var w = new java.io.FileWriter(\"x\")) { w.write(1); } catch (Exception e) { }", "java.io.FileWriter"),
                Arguments.of("new ProcessBuilder(\"sh\").inheritIO();", "ProcessBuilder"),
                Arguments.of("try { Runtime.getRuntime().exec(new String[] {\"sh\"}); } catch (Exception e) { }", "Runtime"),
                Arguments.of("System.exit(0);", "exit"),
                Arguments.of("String home = System.getenv(\"HOME\");", "getenv"),
                Arguments.of("String v = System.getProperty(\"user.home\");", "getProperty"),
                Arguments.of("System.out.println(n);", "System.out"),
                Arguments.of("try { Object o = Object.class.getDeclaredMethods(); } catch (Exception e) { }", "Object.class"),
                Arguments.of("java.lang.reflect.Method m = null;", "java.lang.reflect.Method"),
                Arguments.of("try { Object o = Class.forName(\"X\"); } catch (Exception e) { }", "forName"),
                Arguments.of("var l = java.lang.invoke.MethodHandles.lookup();", "java.lang.invoke"),
                Arguments.of("new Thread(() -> { }).start();", "Thread"),
                Arguments.of("Thread.ofVirtual().start(() -> { });", "Thread"),
                Arguments.of("var pool = java.util.concurrent.Executors.newFixedThreadPool(2);", "java.util.concurrent"),
                Arguments.of("java.util.concurrent.ForkJoinPool.commonPool().submit(() -> { });", "java.util.concurrent"),
                Arguments.of("Object u = sun.misc.Unsafe.class;", "sun.misc.Unsafe"),
                Arguments.of("Object k = new dev.evolve.kernels.matmul.MatmulTarget();", "dev.evolve.kernels.matmul.MatmulTarget"),
                Arguments.of("Object g = a.getClass();", "getClass"),
                Arguments.of("Object t = ClassLoader.getSystemClassLoader();", "ClassLoader"),
                Arguments.of("java.net.Socket s = null;", "java.net"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("forbiddenStatements")
    void forbiddenApiIsRejectedWithNameAndLine(String statement, String named) {
        List<String> reasons = check.violations(MATMUL, withStatement(statement));
        assertThat(reasons).isNotEmpty()
                .anySatisfy(r -> assertThat(r).startsWith("line " + (BODY_LINE + 2) + ":").contains(named));
    }

    @Test
    void staticInitializerIsRejected() {
        String v = withBody("""
                    static {
                        double x = 1.0;
                    }
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        java.util.Arrays.fill(c, 0.0);
                    }
                """);
        assertThat(check.violations(MATMUL, v)).singleElement().asString()
                .startsWith("line " + BODY_LINE + ":").contains("static initializer");
    }

    @Test
    void nativeMethodIsRejected() {
        String v = withMemberAfterKernel("private static native void fast(double[] a);");
        assertThat(check.violations(MATMUL, v)).singleElement().asString()
                .startsWith("line " + (BODY_LINE + 4) + ":").contains("native method `fast`");
    }

    @Test
    void finalizeIsRejected() {
        String v = withMemberAfterKernel("protected void finalize() { }");
        assertThat(check.violations(MATMUL, v)).anySatisfy(r -> assertThat(r)
                .startsWith("line " + (BODY_LINE + 4) + ":").contains("finalize"));
    }

    @Test
    void unicodeEscapeIsRejected() {
        List<String> reasons = check.violations(MATMUL, withStatement("// \\u000a System.exit(0);"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("line " + (BODY_LINE + 2) + ":").contains("unicode escape"));
    }

    @Test
    void changedImportIsRejected() {
        String v = MATMUL.seedSource().replace("import java.util.stream.IntStream;", "import java.io.File;");
        assertThat(check.violations(MATMUL, v))
                .anySatisfy(r -> assertThat(r).startsWith("line 2:").contains("differs from the seed").contains("java.io.File"))
                .anySatisfy(r -> assertThat(r).startsWith("line 2:").contains("import `java.io.File`"));
    }

    @Test
    void staticAndWildcardImportsOutsideTheAllowlistAreRejected() {
        String v = MATMUL.seedSource()
                .replace("import java.util.stream.IntStream;", "import static java.lang.System.*;")
                .replace("import jdk.incubator.vector.DoubleVector;", "import java.util.concurrent.*;");
        assertThat(check.violations(MATMUL, v))
                .anySatisfy(r -> assertThat(r).startsWith("line 2:").contains("import `static java.lang.System.*`"))
                .anySatisfy(r -> assertThat(r).startsWith("line 3:").contains("import `java.util.concurrent.*`")
                        .contains("threads"));
    }

    @Test
    void changedClassNameIsRejected() {
        String v = MATMUL.seedSource().replace("public final class Matmul ", "public final class Matmul2 ");
        assertThat(check.violations(MATMUL, v))
                .anySatisfy(r -> assertThat(r).startsWith("line 8:").contains("differs from the seed"))
                .anySatisfy(r -> assertThat(r).contains("must declare the top-level class `Matmul`"));
    }

    @Test
    void editAfterTheBlockIsRejectedWithItsLine() {
        String seed = MATMUL.seedSource();
        String v = seed.substring(0, seed.lastIndexOf('}')) + "}\nclass Extra { }\n";
        int extraLine = (int) v.lines().count();
        assertThat(check.violations(MATMUL, v))
                .anySatisfy(r -> assertThat(r).startsWith("line " + extraLine + ":").contains("after the evolve block"));
    }

    @Test
    void missingMarkerIsRejected() {
        String v = MATMUL.seedSource().replace(EvolveBlock.END, "// end");
        assertThat(check.violations(MATMUL, v))
                .anySatisfy(r -> assertThat(r).contains("`" + EvolveBlock.END + "` is missing"));
    }

    @Test
    void repeatedMarkerIsRejected() {
        String v = withStatement(EvolveBlock.START);
        assertThat(check.violations(MATMUL, v))
                .anySatisfy(r -> assertThat(r).startsWith("line " + (BODY_LINE + 2) + ":").contains("appears 2 times"));
    }

    @Test
    void changedSignatureIsRejected() {
        String v = withBody("""
                    public void multiply(double[] a, double[] b, double[] c, long n) {
                    }
                """);
        assertThat(check.violations(MATMUL, v)).singleElement().asString()
                .startsWith("line " + BODY_LINE + ":")
                .contains("public void multiply(double[], double[], double[], int)");
    }

    @Test
    void nonPublicKernelMethodIsRejected() {
        String v = withBody("""
                    void multiply(double[] x, double[] y, double[] z, int size) {
                    }
                """);
        assertThat(check.violations(MATMUL, v)).singleElement().asString()
                .startsWith("line " + BODY_LINE + ":").contains("must be declared `public void multiply");
    }

    @Test
    void syntaxErrorIsReportedWithItsLine() {
        List<String> reasons = check.violations(MATMUL, withStatement("int x = ;"));
        assertThat(reasons).first().asString().startsWith("line " + (BODY_LINE + 2) + ":").contains("syntax error");
    }

    @Test
    void parallelStreamsAndVectorApiNeedTheTargetsPermission() {
        KernelTarget plain = new RestrictedMatmul(EnumSet.noneOf(Construct.class));
        String parallel = withStatement("IntStream.range(0, n).parallel().forEach(i -> { });");
        String vector = withStatement("var s = DoubleVector.SPECIES_PREFERRED;");
        assertThat(check.violations(MATMUL, parallel)).isEmpty();
        assertThat(check.violations(plain, parallel)).singleElement().asString()
                .startsWith("line " + (BODY_LINE + 2) + ":").contains("parallel");
        assertThat(check.violations(plain, vector))
                .anySatisfy(r -> assertThat(r).startsWith("line " + (BODY_LINE + 2) + ":").contains("Vector API"));
    }

    @Test
    void atomicIntegerAndSpinWaitNeedTheTargetsPermission() {
        KernelTarget atomics = new RestrictedMatmul(EnumSet.of(Construct.ATOMICS));
        String handOff = withStatement("java.util.concurrent.atomic.AtomicInteger t = new java.util.concurrent.atomic.AtomicInteger();"
                + " while (t.get() < 0) { Thread.onSpinWait(); } java.lang.Thread.onSpinWait();");
        assertThat(check.violations(atomics, handOff)).isEmpty();
        assertThat(check.violations(MATMUL, handOff)).anyMatch(r -> r.contains("AtomicInteger"))
                .anyMatch(r -> r.contains("Thread.onSpinWait"));
        assertThat(check.violations(atomics, withStatement("Thread.yield(); Runnable r = Thread::onSpinWait;"
                + " java.util.concurrent.atomic.AtomicLong l = null;")))
                .anyMatch(r -> r.contains("Thread.yield")).anyMatch(r -> r.contains("Thread.onSpinWait"))
                .anyMatch(r -> r.contains("AtomicLong"));
    }
}
