package dev.evolve.eval.aparapi;

import com.aparapi.Kernel;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.SuperExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.evolve.eval.bytecode.ApiAllowlist;
import dev.evolve.eval.statics.JavaParserStaticCheck;
import dev.evolve.eval.statics.StaticCheck;
import dev.evolve.kernels.EvolveBlock;
import dev.evolve.kernels.KernelTarget;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Java static check ({@link JavaParserStaticCheck}: the seed's imports, which bring
 * {@code com.aparapi.Kernel} and {@code Range}, and no other API), plus one rule for Aparapi:
 * inside the evolve block, no use of {@link Kernel}'s host-side API. A variant may call what
 * Aparapi maps to OpenCL (its methods marked {@code @OpenCLDelegate} or {@code @OpenCLMapping}:
 * {@code getGlobalId}, {@code localBarrier}, {@code sqrt}, {@code atomicAdd}, ...), but neither call
 * nor override the rest ({@code execute}, {@code setExecutionMode}, {@code compile}, the fallback
 * algorithm hooks, ...): those decide where and how the kernel runs, which is the host's business.
 * Whether {@code run()} stays within the Java subset Aparapi translates is Aparapi's to decide when
 * the kernel is first run.
 */
public final class AparapiStaticCheck implements StaticCheck {

    /** Aparapi's own marks of what it maps to OpenCL (protected annotation types of {@link Kernel}). */
    private static final Set<String> DEVICE_MARKS = Set.of("OpenCLDelegate", "OpenCLMapping");

    /** Names of {@link Kernel}'s methods that are not mapped to OpenCL in any overload, except {@code run}. */
    static final Set<String> HOST_API = hostApi();

    private static final int MAX_REASONS = 20;

    private final StaticCheck java = new JavaParserStaticCheck();

    private static Set<String> hostApi() {
        Set<String> device = Arrays.stream(Kernel.class.getDeclaredMethods()).filter(AparapiStaticCheck::deviceSide)
                .map(Method::getName).collect(Collectors.toSet());
        return Arrays.stream(Kernel.class.getDeclaredMethods())
                .filter(m -> !m.isSynthetic() && !device.contains(m.getName()) && !m.getName().equals("run"))
                .map(Method::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean deviceSide(Method m) {
        return Arrays.stream(m.getAnnotations())
                .anyMatch(a -> a.annotationType().getEnclosingClass() == Kernel.class
                               && DEVICE_MARKS.contains(a.annotationType().getSimpleName()));
    }

    /** Aparapi's kernel API besides plain Java: {@code Kernel}'s device-side methods, {@code execute} and {@code Range}. */
    @Override
    public ApiAllowlist allowlist(KernelTarget target) {
        return ApiAllowlist.aparapiKernel(target);
    }

    @Override
    public List<String> violations(KernelTarget target, String source) {
        List<String> out = java.violations(target, source);
        if (!out.isEmpty()) {
            return out;     // parsed, markers in place and the rest of the file as the seed's: known below
        }
        return hostApiUse(source);
    }

    private static List<String> hostApiUse(String source) {
        Optional<CompilationUnit> unit = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)).parse(source).getResult();
        Optional<int[]> block = blockLines(source);
        if (unit.isEmpty() || block.isEmpty()) {
            return List.of();
        }
        int first = block.get()[0];
        int last = block.get()[1];
        Set<String> out = new LinkedHashSet<>();     // linear however many reasons a large variant has
        unit.get().walk(node -> {
            int line = node.getBegin().map(p -> p.line).orElse(-1);
            if (line < first || line > last) {
                return;
            }
            switch (node) {
                case MethodCallExpr call when ownMethod(call) && HOST_API.contains(call.getNameAsString()) ->
                        report(out, line, "call to `" + call.getNameAsString() + "` is not allowed in the evolve block"
                                + " (Aparapi host API: the fixed code outside the block launches the kernel)");
                case MethodDeclaration method when HOST_API.contains(method.getNameAsString()) ->
                        report(out, line, "method `" + method.getNameAsString() + "` overrides Aparapi's host API"
                                + " (Kernel." + method.getNameAsString() + "); only run() and helpers of your own belong here");
                default -> {
                }
            }
        });
        return List.copyOf(out);
    }

    /** A call on this kernel itself: no scope, {@code this.} or {@code super.}. */
    private static boolean ownMethod(MethodCallExpr call) {
        return call.getScope().map(s -> s instanceof ThisExpr || s instanceof SuperExpr).orElse(true);
    }

    /** First and last line of the block's body (between the marker lines), 1-based. */
    private static Optional<int[]> blockLines(String source) {
        return EvolveBlock.of(source).map(b -> {
            int first = (int) b.before().lines().count() + 1;
            int last = first + (int) b.body().lines().count() - 1;
            return new int[] {first, last};
        });
    }

    private static void report(Set<String> out, int line, String reason) {
        if (out.size() < MAX_REASONS) {
            out.add("line " + line + ": " + reason);
        }
    }
}
