package dev.evolve.eval.cascade;

import static dev.evolve.eval.testing.Candidates.EVERY_CONSTRUCT;
import static dev.evolve.eval.testing.Candidates.LOADER_THROUGH_GENERIC_HELPER;
import static dev.evolve.eval.testing.Candidates.NAIVE_BODY;
import static dev.evolve.eval.testing.Candidates.withMembers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.EvaluationOutcome;
import dev.evolve.eval.EvaluationOutcome.Measured;
import dev.evolve.eval.EvaluationOutcome.Rejected;
import dev.evolve.eval.jmh.JmhConfirmation;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-file check as the wall, against real workers: candidates that try each escape are
 * {@code rejected} with the member named, and nothing happens outside (no file is written, no
 * connection reaches a listener on 127.0.0.1). Those marked "past the source check" pass the
 * JavaParser check as it stands, so the class-file check alone refuses them; the others go through
 * a cascade whose source check lets everything through. Legitimate kernels that use records,
 * enums, nested classes, lambdas, parallel streams, pattern switches and the Vector API are measured.
 */
class ClassFileWallTest {

    static final MatmulTarget TARGET = new MatmulTarget(64);
    static final CascadeConfig CONFIG = TestWorkers.quick(Duration.ofSeconds(30));

    @TempDir
    static Path lockDir;
    @TempDir
    Path outside;
    static ServerSocketChannel listener;
    static TestWorkers workers;
    /** The JavaParser check, then the class-file check. */
    static Cascade checked;
    /** No source check: the class-file check alone. */
    static Cascade wallOnly;

    @BeforeAll
    static void start() throws IOException {
        listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        listener.configureBlocking(false);
        workers = TestWorkers.start(1, lockDir, TARGET, CONFIG, new JavaParserStaticCheck());
        checked = workers.cascade;
        wallOnly = workers.cascade(CONFIG, (t, s) -> List.of(), null);
    }

    @AfterAll
    static void stop() throws IOException {
        wallOnly.close();
        workers.close();
        listener.close();
    }

    @AfterEach
    void nothingHappenedOutside() throws IOException {
        try (var files = Files.list(outside)) {
            assertThat(files.toList()).as("files written outside").isEmpty();
        }
        assertThat(listener.accept()).as("a connection to the test's listener").isNull();
    }

    private String path(String name) {
        return outside.resolve(name).toString();
    }

    private static int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /** Past the source check: it finds nothing, the class-file check rejects it naming {@code member}. */
    private static void rejectedPastTheSourceCheck(String source, String member) throws InterruptedException {
        assertThat(new JavaParserStaticCheck().violations(TARGET, source)).as("the source check's reasons").isEmpty();
        rejected(checked, source, member);
    }

    private static void rejected(Cascade cascade, String source, String member) throws InterruptedException {
        Evaluation e = cascade.evaluateDetailed(source);
        assertThat(e.outcome()).isInstanceOf(Rejected.class);
        assertThat(e.outcome().detail()).startsWith(Cascade.NOT_ALLOWED).contains(member);
        assertThat(e.stages()).containsKey(Evaluation.Stage.BYTECODE).doesNotContainKey(Evaluation.Stage.CHECK);
    }

    private static String multiply(String attack) {
        return withMembers("""
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                %s
                %s
                    }
                """.formatted(attack, NAIVE_BODY));
    }

    @Test
    void reflectionFromAPrimitiveClassLiteralThroughTheModuleLayerAndLoaderToMethodInvoke() throws Exception {
        rejectedPastTheSourceCheck(multiply("""
                        try {
                            var runtime = int.class.getModule().getLayer().findLoader("jdk.compiler")
                                    .loadClass("java.lang.Runtime");
                            Object rt = null;
                            for (var m : runtime.getMethods()) {
                                if (m.getName().equals("getRuntime")) {
                                    rt = m.invoke(null);
                                }
                            }
                            for (var m : runtime.getMethods()) {
                                if (m.getName().equals("exec") && m.getParameterCount() == 1
                                        && m.getParameterTypes()[0].isArray()) {
                                    m.invoke(rt, (Object) new String[] {"/usr/bin/touch", "%s"});
                                }
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                """.formatted(path("touched"))), "calls java.lang.Class.getModule() in Matmul.multiply (reflection)");
    }

    @Test
    void reflectionFromAnEnumConstant() throws Exception {
        rejectedPastTheSourceCheck(withMembers("""
                    enum Mode { PLAIN }

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        try {
                            var files = Mode.PLAIN.getDeclaringClass().getSuperclass().getModule().getLayer()
                                    .findLoader("jdk.compiler").loadClass("java.nio.file.Files");
                            c[0] = files.getMethods().length;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                %s
                    }
                """.formatted(NAIVE_BODY)), "getDeclaringClass()");
    }

    @Test
    void aGenericHelperThatHidesTheTypeOfAMethodReference() throws Exception {
        rejected(wallOnly, LOADER_THROUGH_GENERIC_HELPER,
                "refers to java.lang.ClassLoader.getSystemClassLoader() in Matmul.multiply");
    }

    @Test
    void foreignFunctionCallToLibc() throws Exception {
        rejected(wallOnly, multiply("""
                        var linker = java.lang.foreign.Linker.nativeLinker();
                        var mkdir = linker.downcallHandle(linker.defaultLookup().find("mkdir").orElseThrow(),
                                java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT,
                                        java.lang.foreign.ValueLayout.ADDRESS, java.lang.foreign.ValueLayout.JAVA_INT));
                        try (var arena = java.lang.foreign.Arena.ofConfined()) {
                            int r = (int) mkdir.invokeExact(arena.allocateFrom("%s"), 0755);
                        } catch (Throwable t) {
                            throw new IllegalStateException(t);
                        }
                """.formatted(path("libc"))), "calls java.lang.foreign.Linker.nativeLinker() in Matmul.multiply");
    }

    @Test
    void unsafeOffHeapAllocation() throws Exception {
        rejected(wallOnly, multiply("""
                        try {
                            var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                            field.setAccessible(true);
                            var unsafe = (sun.misc.Unsafe) field.get(null);
                            c[0] = unsafe.allocateMemory(1L << 33);
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                """), "sun.misc.Unsafe");
    }

    @Test
    void codeInAStaticFinalFieldInitializer() throws Exception {
        rejected(wallOnly, withMembers("""
                    static final boolean MADE = new java.io.File("%s").mkdir();

                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                %s
                    }
                """.formatted(path("static"), NAIVE_BODY)), "calls java.io.File.mkdir() in the static initializer of Matmul");
    }

    @Test
    void aLibraryOnTheWorkersClassPathOutsideTheSourceChecksRoots() throws Exception {
        rejectedPastTheSourceCheck(multiply("""
                        var options = new joptsimple.OptionParser();
                        options.accepts("x");
                """), "calls new joptsimple.OptionParser() in Matmul.multiply");
    }

    @Test
    void aLibraryOnTheWorkersClassPathWritingAFile() throws Exception {
        rejected(wallOnly, multiply("""
                        try {
                            org.apache.bcel.Repository.lookupClass("java.lang.Object").dump("%s");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                """.formatted(path("dumped"))), "calls org.apache.bcel.Repository.lookupClass(String) in Matmul.multiply");
    }

    /** Both checks refuse it, for the same reason: they share the table of forbidden types. */
    @Test
    void formatterWithAFileNameWritesNoFile() throws Exception {
        String source = multiply("""
                        try (var out = new java.util.Formatter("%s")) {
                            out.format("%%s", "written");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                """.formatted(path("formatted")));
        assertThat(new JavaParserStaticCheck().violations(TARGET, source))
                .anySatisfy(r -> assertThat(r).contains("java.util.Formatter").contains("(it writes files)"));
        rejected(wallOnly, source, "calls new java.util.Formatter(String) in Matmul.multiply (it writes files)");
    }

    @Test
    void aConnectionToALocalListener() throws Exception {
        rejected(wallOnly, multiply("""
                        try (var s = new java.net.Socket("127.0.0.1", %d)) {
                            s.getOutputStream().write(1);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                """.formatted(port())), "calls new java.net.Socket(String, int) in Matmul.multiply (network access)");
    }

    @Test
    void legitimateKernelsWithRecordsEnumsNestedClassesLambdasStreamsSwitchesAndVectorsAreMeasured() throws Exception {
        String source = withMembers(EVERY_CONSTRUCT);
        assertThat(new JavaParserStaticCheck().violations(TARGET, source)).isEmpty();
        EvaluationOutcome outcome = checked.evaluate(source);
        assertThat(outcome).as(outcome.detail()).isInstanceOf(Measured.class);
    }

    @Test
    void jmhConfirmationOfASourceGetsNoClassThatFailsTheCheck() {
        var called = new java.util.concurrent.atomic.AtomicBoolean();
        JmhConfirmation spy = (target, dir, className) -> {
            called.set(true);
            return new EvaluationOutcome.Jmh(1, 0, List.of(1.0));
        };
        assertThatThrownBy(() -> wallOnly.jmh(multiply("System.exit(3);"), spy))
                .isInstanceOf(JmhConfirmation.JmhException.class)
                .hasMessageContaining("calls java.lang.System.exit(int) in Matmul.multiply");
        assertThat(called).isFalse();
    }

    @Test
    void theSeedAndReTimingGoThroughTheWallToo() throws Exception {
        assertThat(checked.seedTiming().size()).isEqualTo(64);
        EvaluationOutcome retimed = wallOnly.time(multiply("System.exit(3);"));
        assertThat(retimed).isInstanceOf(Rejected.class);
        assertThat(retimed.detail()).contains("calls java.lang.System.exit(int) in Matmul.multiply");
    }
}
