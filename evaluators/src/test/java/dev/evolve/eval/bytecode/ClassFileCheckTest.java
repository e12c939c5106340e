package dev.evolve.eval.bytecode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.aparapi.OpenCLKernelTarget;
import dev.evolve.eval.compile.InMemoryCompiler;
import dev.evolve.eval.testing.Candidates;
import dev.evolve.eval.testing.RestrictedMatmul;
import dev.evolve.kernels.Construct;
import dev.evolve.kernels.KernelTarget;
import dev.evolve.kernels.Targets;
import dev.evolve.kernels.aparapi.AparapiTargets;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The class-file allowlist on its own, on classes javac makes here: legitimate kernels of every
 * kind pass, every escape is refused with the member named.
 */
class ClassFileCheckTest {

    private static final KernelTarget MATMUL = new MatmulTarget();
    private static InMemoryCompiler javac;

    @BeforeAll
    static void startCompiler() {
        javac = new InMemoryCompiler();
    }

    @AfterAll
    static void stopCompiler() {
        javac.close();
    }

    static Map<String, byte[]> compile(KernelTarget target, String source) {
        return switch (javac.compile(target.className(), source)) {
            case InMemoryCompiler.Result.Compiled c -> c.classes();
            case InMemoryCompiler.Result.Failed f -> throw new AssertionError("does not compile: " + f.diagnostics()
                    + "\n" + source);
        };
    }

    static List<String> javaViolations(String source) {
        return new ClassFileCheck(ApiAllowlist.javaKernel(MATMUL)).violations(compile(MATMUL, source));
    }

    static Stream<KernelTarget> builtInTargets() {
        return Targets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInTargets")
    void everyBuiltInSeedPasses(KernelTarget target) {
        var wall = new ClassFileCheck(ApiAllowlist.javaKernel(target));
        assertThat(wall.violations(compile(target, target.seedSource()))).isEmpty();
    }

    @Test
    void everyAparapiSeedPassesTheAparapiList() {
        for (var a : AparapiTargets.all()) {
            KernelTarget target = OpenCLKernelTarget.of(a);
            var wall = new ClassFileCheck(ApiAllowlist.aparapiKernel(target));
            assertThat(wall.violations(compile(target, target.seedSource()))).as(a.name()).isEmpty();
            // and the same class is no plain Java kernel
            assertThat(new ClassFileCheck(ApiAllowlist.javaKernel(target)).violations(compile(target, target.seedSource())))
                    .as(a.name()).anyMatch(r -> r.contains("extends com.aparapi.Kernel"));
        }
    }

    @Test
    void anAparapiKernelMayUseTheKernelApiButNothingElse() {
        KernelTarget target = OpenCLKernelTarget.of(AparapiTargets.find("matmul-aparapi").orElseThrow());
        var wall = new ClassFileCheck(ApiAllowlist.aparapiKernel(target));
        var block = dev.evolve.kernels.EvolveBlock.of(target.seedSource()).orElseThrow();
        String deviceSide = block.withBody("""
                    static final int LOCAL = 16;
                    Range range(int n) { return Range.create2D(n, n, 4, 4); }
                    @Override
                    public void run() {
                        int i = getGlobalId(0) + getLocalId(1) * 0 + getGroupId(0) * 0;
                        localBarrier();
                        if (i < n * n) { c[i] = sqrt(abs(a[i])) + max(b[i], 0f) + (float) Math.min(1.0, 2.0); }
                    }
                """);
        assertThat(wall.violations(compile(target, deviceSide))).isEmpty();
        String hostile = block.withBody("""
                    static final int LOCAL = 16;
                    Range range(int n) { return Range.create(n * n, LOCAL); }
                    @Override
                    public void run() {
                        if (getGlobalId() == 0) {
                            try {
                                Runtime.getRuntime().exec(new String[] {"/bin/true"});
                            } catch (Exception e) {
                                c[0] = 1;
                            }
                            setExecutionMode(EXECUTION_MODE.JTP);
                            setFallbackExecutionMode();
                        }
                    }
                """);
        assertThat(wall.violations(compile(target, hostile)))
                .anyMatch(r -> r.startsWith("calls java.lang.Runtime.getRuntime() in MatmulAparapi.run (process control)"))
                .anyMatch(r -> r.contains("setExecutionMode") && r.contains("Aparapi host API"))
                .anyMatch(r -> r.contains("setFallbackExecutionMode()") && r.contains("Aparapi host API"));
    }

    @Test
    void everyCommittedBestProgramPasses() throws IOException {
        Path results = Path.of("..", "results");
        List<Path> best;
        try (var files = Files.walk(results)) {
            best = files.filter(p -> p.getFileName().toString().equals("best.java")).sorted().toList();
        }
        assertThat(best).hasSizeGreaterThanOrEqualTo(9);
        for (Path file : best) {
            String targetName = Files.readAllLines(file.resolveSibling("config.yaml")).stream()
                    .filter(l -> l.startsWith("target:")).map(l -> l.substring("target:".length()).strip())
                    .findFirst().orElseThrow();
            KernelTarget target = Targets.require(targetName);
            var wall = new ClassFileCheck(ApiAllowlist.javaKernel(target));
            assertThat(wall.violations(compile(target, Files.readString(file)))).as(file.toString()).isEmpty();
        }
    }

    @Test
    void recordsEnumsNestedClassesLambdasPatternSwitchesStreamsAndTheVectorApiPass() {
        String source = Candidates.withMembers(Candidates.EVERY_CONSTRUCT);
        assertThat(javaViolations(source)).isEmpty();
    }

    @Test
    void aSwitchOnAnotherClassesEnumCompilesToASwitchMapThatPasses() {
        String source = Candidates.withMultiplyBody("""
                        java.math.RoundingMode mode = n % 2 == 0 ? java.math.RoundingMode.HALF_UP : java.math.RoundingMode.DOWN;
                        switch (mode) {
                            case HALF_UP -> c[0] = 1;
                            case DOWN -> c[0] = 2;
                            default -> c[0] = 3;
                        }
                """);
        Map<String, byte[]> classes = compile(MATMUL, source);
        assertThat(classes.keySet()).as("javac's switch map class").hasSizeGreaterThan(1);
        assertThat(new ClassFileCheck(ApiAllowlist.javaKernel(MATMUL)).violations(classes)).isEmpty();
    }

    @Test
    void reflectionFromAPrimitiveClassLiteralIsNamed() {
        assertThat(javaViolations(Candidates.withMultiplyBody("""
                        var methods = int.class.getMethods();
                        c[0] = methods.length;
                """))).anySatisfy(r -> assertThat(r).startsWith("calls java.lang.Class.getMethods() in Matmul.multiply"));
    }

    @Test
    void reflectionFromAnEnumConstantAndGetMethodsInvokeAreNamed() {
        assertThat(javaViolations(Candidates.withMembers("""
                    enum E { A }
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        try {
                            E.A.getDeclaringClass().getMethods()[0].invoke(null);
                        } catch (Exception e) {
                            c[0] = 1;
                        }
                    }
                """))).anyMatch(r -> r.startsWith("calls Matmul$E.getDeclaringClass() in Matmul.multiply")
                                 && r.contains("inherited from java.lang.Enum"))
                .anyMatch(r -> r.startsWith("calls java.lang.reflect.Method.invoke(Object, Object[])"));
    }

    @Test
    void aModuleLayerAndItsLoaderAreNamed() {
        assertThat(javaViolations(Candidates.withMultiplyBody("""
                        Object loader = Runnable.class.getModule().getLayer().findLoader("java.base");
                        c[0] = loader.hashCode();
                """))).anyMatch(r -> r.startsWith("calls java.lang.Class.getModule() in Matmul.multiply"));
    }

    @Test
    void aMethodReferenceThroughAGenericHelperIsNamed() {
        assertThat(javaViolations(Candidates.LOADER_THROUGH_GENERIC_HELPER))
                .anyMatch(r -> r.startsWith("refers to java.lang.ClassLoader.getSystemClassLoader() in Matmul.multiply"));
    }

    @Test
    void codeInAStaticFinalFieldInitializerIsChecked() {
        assertThat(javaViolations(Candidates.withMembers("""
                    static final boolean MADE = new java.io.File("/tmp/evolve-never").mkdir();
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                    }
                """))).anyMatch(r -> r.startsWith("calls java.io.File.mkdir() in the static initializer of Matmul"));
    }

    @Test
    void getClassAndSystemPropertiesAreNamedWhateverTheOwner() {
        assertThat(javaViolations(Candidates.withMultiplyBody("""
                        c[0] = this.getClass().hashCode() + Integer.getInteger("x", 1) + (Boolean.getBoolean("y") ? 1 : 0);
                        System.out.println(System.getenv("HOME"));
                """))).anyMatch(r -> r.startsWith("calls java.lang.Object.getClass() in Matmul.multiply (reflection)"))
                .anyMatch(r -> r.startsWith("calls java.lang.Integer.getInteger(String, int)"))
                .anyMatch(r -> r.startsWith("reads java.lang.System.out"))
                .anyMatch(r -> r.startsWith("calls java.lang.System.getenv(String)"));
    }

    @Test
    void formatterWithAFileNameIsNamed() {
        assertThat(javaViolations(Candidates.withMultiplyBody("""
                        try (var f = new java.util.Formatter("/tmp/evolve-never")) {
                            f.format("x");
                        } catch (Exception e) {
                            c[0] = 1;
                        }
                """))).anyMatch(r -> r.startsWith("calls new java.util.Formatter(String) in Matmul.multiply (it writes files)"));
    }

    @Test
    void threadsAndParallelStreamsWhereNotAllowedAreNamed() {
        assertThat(javaViolations(Candidates.withMultiplyBody("""
                        new Thread(() -> c[0] = 1).start();
                """))).anyMatch(r -> r.startsWith("calls new java.lang.Thread(Runnable)"));
        KernelTarget plain = new RestrictedMatmul(Set.of());
        var wall = new ClassFileCheck(ApiAllowlist.javaKernel(plain));
        assertThat(wall.violations(compile(MATMUL, Candidates.withMultiplyBody("""
                        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> c[i] = 0);
                """)))).anyMatch(r -> r.startsWith("calls java.util.stream.IntStream.parallel()")
                                      && r.contains("parallel streams are not enabled"));
    }

    @Test
    void atomicIntegerAndSpinWaitPassOnlyWhereAtomicsAreAllowed() {
        String handOff = Candidates.withMultiplyBody("""
                        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
                        while (turn.get() < 0) { Thread.onSpinWait(); }
                        turn.set(turn.getAndIncrement() + 1);
                """);
        var withAtomics = new ClassFileCheck(ApiAllowlist.javaKernel(
                new RestrictedMatmul(Set.of(Construct.PARALLEL_STREAMS, Construct.ATOMICS))));
        assertThat(withAtomics.violations(compile(MATMUL, handOff))).isEmpty();
        assertThat(javaViolations(handOff)).anyMatch(r -> r.contains("java.util.concurrent.atomic.AtomicInteger"))
                .anyMatch(r -> r.contains("Thread.onSpinWait"));
        // the rest of Thread and of java.util.concurrent stays closed, and no class may extend Thread
        assertThat(withAtomics.violations(compile(MATMUL, Candidates.withMultiplyBody("""
                        Thread.yield();
                        java.util.concurrent.atomic.AtomicLong l = new java.util.concurrent.atomic.AtomicLong();
                        new Thread(() -> c[0] = 1).start();
                """))))
                .anyMatch(r -> r.contains("Thread.yield"))
                .anyMatch(r -> r.contains("AtomicLong"))
                .anyMatch(r -> r.startsWith("calls new java.lang.Thread(Runnable)"));
        assertThat(withAtomics.violations(compile(MATMUL, Candidates.withMembers("""
                    static final class Spinner extends Thread { }
                    @Override
                    public void multiply(double[] a, double[] b, double[] c, int n) {
                        new Spinner().start();
                    }
                """)))).anyMatch(r -> r.contains("extends java.lang.Thread"));
    }

    @Test
    void handCraftedConstantsAndBootstrapsThatJavaSourceCannotWriteAreRefused() {
        var cw = new org.objectweb.asm.ClassWriter(org.objectweb.asm.ClassWriter.COMPUTE_MAXS);
        cw.visit(org.objectweb.asm.Opcodes.V21, org.objectweb.asm.Opcodes.ACC_PUBLIC, "Matmul", null,
                "java/lang/Object", null);
        var mv = cw.visitMethod(org.objectweb.asm.Opcodes.ACC_STATIC, "sneak", "()V", null, null);
        mv.visitCode();
        var exit = new org.objectweb.asm.Handle(org.objectweb.asm.Opcodes.H_INVOKESTATIC, "java/lang/System", "exit",
                "(I)V", false);
        mv.visitLdcInsn(exit);
        mv.visitInsn(org.objectweb.asm.Opcodes.POP);
        var bootstrap = new org.objectweb.asm.Handle(org.objectweb.asm.Opcodes.H_INVOKESTATIC,
                "java/lang/invoke/ConstantBootstraps", "invoke",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;"
                + "Ljava/lang/invoke/MethodHandle;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        mv.visitInvokeDynamicInsn("run", "()V", bootstrap, exit);
        mv.visitInsn(org.objectweb.asm.Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        var wall = new ClassFileCheck(ApiAllowlist.javaKernel(MATMUL));
        assertThat(wall.violations(Map.of("Matmul", cw.toByteArray())))
                .anyMatch(r -> r.startsWith("loads a method handle to java.lang.System.exit in Matmul.sneak"))
                .anyMatch(r -> r.startsWith("uses the invokedynamic bootstrap java.lang.invoke.ConstantBootstraps.invoke"));
    }

    @Test
    void unreadableOrMisnamedClassFilesAreRefused() {
        var wall = new ClassFileCheck(ApiAllowlist.javaKernel(MATMUL));
        assertThat(wall.violations(Map.of("Matmul", new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2})))
                .singleElement().asString().startsWith("the class file of Matmul cannot be read");
        Map<String, byte[]> classes = compile(MATMUL, MATMUL.seedSource());
        assertThat(wall.violations(Map.of("Other", classes.get("Matmul"))))
                .singleElement().asString().contains("declares Matmul");
        assertThat(wall.violations(Map.of())).isNotEmpty();
    }
}
