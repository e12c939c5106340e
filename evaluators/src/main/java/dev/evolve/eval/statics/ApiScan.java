package dev.evolve.eval.statics;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypeExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.evolve.eval.bytecode.ForbiddenApi;
import dev.evolve.kernels.Construct;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds APIs a kernel has no business calling. Imports go through an allowlist (the seed's own
 * imports plus a few pure-computation packages); names in code go through a denylist of types,
 * packages and methods, because code can name a class fully qualified or through the implicit
 * {@code java.lang} import without any import line.
 */
final class ApiScan {

    /** First segments that make a dotted name a qualified (package) name rather than a variable. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "dev", "net");

    /** Simple type names a kernel may not use, with the reason. Most are java.lang types, visible without import. */
    private static final Map<String, String> DENIED_TYPES = ForbiddenApi.simpleNames();

    /** The only members of {@code System} a kernel may touch: copying and clocks. */
    private static final Set<String> SYSTEM_ALLOWED = Set.of("arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode");

    /** Method names denied whatever their receiver: process control, environment, reflection, class loading. */
    private static final Map<String, String> DENIED_METHODS = Map.ofEntries(
            Map.entry("exit", "process control"),
            Map.entry("halt", "process control"),
            Map.entry("exec", "processes"),
            Map.entry("addShutdownHook", "process control"),
            Map.entry("getenv", "the environment"),
            Map.entry("getProperty", "system properties"),
            Map.entry("getProperties", "system properties"),
            Map.entry("setProperty", "system properties"),
            Map.entry("clearProperty", "system properties"),
            Map.entry("loadLibrary", "native code"),
            Map.entry("forName", "reflection"),
            Map.entry("getClass", "reflection"),
            Map.entry("getDeclaredMethod", "reflection"),
            Map.entry("getDeclaredMethods", "reflection"),
            Map.entry("getDeclaredField", "reflection"),
            Map.entry("getDeclaredFields", "reflection"),
            Map.entry("getDeclaredConstructor", "reflection"),
            Map.entry("getDeclaredConstructors", "reflection"),
            Map.entry("getMethod", "reflection"),
            Map.entry("getField", "reflection"),
            Map.entry("getConstructor", "reflection"),
            Map.entry("setAccessible", "reflection"),
            Map.entry("newInstance", "reflection"),
            Map.entry("getClassLoader", "class loading"),
            Map.entry("getSystemClassLoader", "class loading"),
            Map.entry("defineClass", "class loading"),
            Map.entry("finalize", "finalization"));

    /** Annotations that change nothing at run time; any other could be a hook into the JDK. */
    private static final Set<String> ALLOWED_ANNOTATIONS = Set.of(
            "Override", "SuppressWarnings", "FunctionalInterface", "SafeVarargs", "Deprecated");

    /** Simple names of the Vector API's types, denied when a target does not allow it. */
    private static final Set<String> VECTOR_TYPES = Set.of(
            "Vector", "DoubleVector", "FloatVector", "IntVector", "LongVector", "ShortVector", "ByteVector",
            "VectorSpecies", "VectorOperators", "VectorMask", "VectorShuffle", "VectorShape", "VectorMath");

    /** With {@link Construct#ATOMICS}: the one type of java.util.concurrent a kernel may name. */
    private static final String ATOMIC_INTEGER = "java.util.concurrent.atomic.AtomicInteger";

    /** Reasons kept at most (more than the static check reports, so that its order decides which it shows). */
    private static final int MAX_REASONS = 100;

    private final Set<Construct> allowed;
    private final String kernelInterface;
    private final Set<String> seedImports;
    /** Distinct reasons in the order found: a set, so that a candidate with many violations costs linear time. */
    private final Set<String> out = new LinkedHashSet<>();

    private ApiScan(Set<Construct> allowed, Class<?> kernelInterface, Set<String> seedImports) {
        this.allowed = allowed;
        this.kernelInterface = kernelInterface.getCanonicalName();
        this.seedImports = seedImports;
    }

    static List<String> violations(CompilationUnit unit, Set<Construct> allowed, Class<?> kernelInterface,
                                   Set<String> seedImports) {
        ApiScan scan = new ApiScan(allowed, kernelInterface, seedImports);
        unit.getImports().forEach(scan::checkImport);
        unit.walk(scan::visit);
        return List.copyOf(scan.out);
    }

    /** How an import reads in source, to compare with the seed's imports. */
    static String importKey(ImportDeclaration d) {
        return (d.isStatic() ? "static " : "") + d.getNameAsString() + (d.isAsterisk() ? ".*" : "");
    }

    private void checkImport(ImportDeclaration d) {
        if (seedImports.contains(importKey(d))) {
            return;
        }
        String name = d.getNameAsString();
        boolean ok = d.isStatic()
                ? name.equals("java.lang.Math") || name.startsWith("java.lang.Math.")
                : name.equals("java.util.Arrays")
                  || name.equals("java.util.stream") && d.isAsterisk()
                  || name.startsWith("java.util.stream.")
                  || name.equals("java.util.function") && d.isAsterisk()
                  || name.startsWith("java.util.function.")
                  || name.equals("java.lang.Math")
                  || allowed.contains(Construct.VECTOR_API)
                     && (name.equals("jdk.incubator.vector") && d.isAsterisk() || name.startsWith("jdk.incubator.vector."))
                  || allowed.contains(Construct.ATOMICS) && name.equals(ATOMIC_INTEGER) && !d.isAsterisk();
        if (!ok) {
            report(d, "import `" + importKey(d) + "` is not allowed in a kernel ("
                    + Optional.ofNullable(reasonForQualified(name)).orElse("not on the list of allowed imports") + ")");
        }
    }

    private void visit(Node node) {
        switch (node) {
            case MethodCallExpr call -> {
                int before = out.size();
                call.getScope().flatMap(ApiScan::dotted)
                        .ifPresent(scope -> checkName(call, scope + "." + call.getNameAsString()));
                if (out.size() == before) {     // one reason per call is enough
                    checkMethodName(call, call.getNameAsString());
                }
            }
            case MethodReferenceExpr ref -> {
                int before = out.size();
                scopeName(ref.getScope()).ifPresent(scope -> checkName(ref, scope + "." + ref.getIdentifier()));
                if (out.size() == before) {
                    checkMethodName(ref, ref.getIdentifier());
                }
            }
            case FieldAccessExpr access when isOutermostName(access) -> dotted(access).ifPresent(n -> checkName(access, n));
            case NameExpr name when isOutermostName(name) -> checkName(name, name.getNameAsString());
            case ClassOrInterfaceType type when isOutermostType(type) -> checkName(type, type.getNameWithScope());
            case ClassExpr literal when !literal.getType().isPrimitiveType() ->
                    report(literal, "class literal `" + literal + "` is not allowed in a kernel (reflection)");
            case MethodDeclaration method -> {
                if (method.isNative()) {
                    report(method, "native method `" + method.getNameAsString() + "` is not allowed in a kernel (native code)");
                }
                if (method.getNameAsString().equals("finalize")) {
                    report(method, "method `finalize` is not allowed in a kernel (finalization)");
                }
            }
            case InitializerDeclaration init when init.isStatic() ->
                    report(init, "static initializer block `static { ... }` is not allowed in a kernel"
                            + " (code that runs at class load); initialize static final fields directly");
            case AnnotationExpr annotation when !ALLOWED_ANNOTATIONS.contains(annotation.getNameAsString()) ->
                    report(annotation, "annotation `@" + annotation.getNameAsString() + "` is not allowed in a kernel");
            default -> {
            }
        }
    }

    private void checkMethodName(Node at, String method) {
        String reason = DENIED_METHODS.get(method);
        if (reason != null) {
            report(at, "call to `" + method + "` is not allowed in a kernel (" + reason + ")");
        }
        if (method.startsWith("parallel") && !allowed.contains(Construct.PARALLEL_STREAMS)) {
            report(at, "`" + method + "` is not allowed for this target (parallel streams are not enabled)");
        }
    }

    /** Checks a dotted name as written in code: a qualified type, a type's member, or a variable. */
    private void checkName(Node at, String dotted) {
        if (spinWait(at, dotted)) {
            return;
        }
        String[] parts = dotted.split("\\.");
        int typeIndex = 0;
        if (PACKAGE_ROOTS.contains(parts[0])) {
            typeIndex = firstTypeSegment(parts);
            String pkg = String.join(".", Arrays.copyOfRange(parts, 0, typeIndex));
            String qualifiedType = typeIndex < parts.length ? pkg + "." + parts[typeIndex] : pkg;
            if (qualifiedType.equals(kernelInterface)) {
                return;
            }
            String reason = reasonForQualified(qualifiedType);
            if (reason != null) {
                report(at, "`" + dotted + "` is not allowed in a kernel (" + reason + ")");
                return;
            }
            if (typeIndex >= parts.length) {
                return;
            }
        }
        String type = parts[typeIndex];
        String reason = DENIED_TYPES.get(type);
        if (reason != null) {
            String named = String.join(".", Arrays.copyOfRange(parts, typeIndex, parts.length));
            report(at, "`" + named + "` is not allowed in a kernel (" + reason + ")");
        } else if (type.equals("System") && typeIndex + 1 < parts.length && !SYSTEM_ALLOWED.contains(parts[typeIndex + 1])) {
            report(at, "`System." + parts[typeIndex + 1] + "` is not allowed in a kernel (only System."
                    + String.join(", System.", SYSTEM_ALLOWED.stream().sorted().toList()) + " are)");
        } else if (VECTOR_TYPES.contains(type) && !allowed.contains(Construct.VECTOR_API)) {
            report(at, "`" + type + "` is not allowed for this target (the Vector API is not enabled)");
        }
    }

    /**
     * Whether this is the call {@code Thread.onSpinWait()} (or {@code java.lang.Thread.onSpinWait()}) of a target
     * that allows {@link Construct#ATOMICS}: the one member of {@code Thread} such a target may use.
     */
    private boolean spinWait(Node at, String dotted) {
        return allowed.contains(Construct.ATOMICS) && at instanceof MethodCallExpr
               && (dotted.equals("Thread.onSpinWait") || dotted.equals("java.lang.Thread.onSpinWait"));
    }

    /**
     * Why a qualified name is off limits, or null when it is allowed: only java.lang (minus the
     * denied types), java.util (minus concurrency and I/O), streams, functions, java.math and, when
     * enabled, the Vector API.
     */
    private String reasonForQualified(String name) {
        if (name.equals(kernelInterface)) {
            return null;
        }
        String[] parts = name.split("\\.");
        int t = firstTypeSegment(parts);
        String pkg = String.join(".", Arrays.copyOfRange(parts, 0, t));
        String type = t < parts.length ? parts[t] : "";
        String deniedType = DENIED_TYPES.get(type);
        Optional<String> forbidden = ForbiddenApi.inPackage(pkg);
        if (allowed.contains(Construct.ATOMICS) && (pkg + "." + type).equals(ATOMIC_INTEGER)) {
            return null;
        } else if (forbidden.isPresent()) {
            return forbidden.get();
        } else if (pkg.startsWith("dev.evolve")) {
            return "project types other than the kernel interface " + kernelInterface;
        } else if (pkg.equals("jdk.incubator.vector")) {
            return allowed.contains(Construct.VECTOR_API) ? null : "the Vector API is not enabled for this target";
        } else if (pkg.equals("java.lang") || pkg.equals("java.util")) {
            return deniedType;
        } else if (pkg.equals("java.util.stream") || pkg.equals("java.util.function") || pkg.equals("java.math")) {
            return null;
        }
        return "package " + (pkg.isEmpty() ? name : pkg) + " is not on the list of allowed APIs";
    }

    /** Index of the first segment that names a type (starts upper case); parts.length when none. */
    private static int firstTypeSegment(String[] parts) {
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                return i;
            }
        }
        return parts.length;
    }

    /** A name chain (a, a.b, a.b.c) that is not itself the scope of a longer chain, call or reference. */
    private static boolean isOutermostName(Expression e) {
        Optional<Node> parent = e.getParentNode();
        if (parent.isEmpty()) {
            return true;
        }
        return switch (parent.get()) {
            case FieldAccessExpr f -> f.getScope() != e;
            case MethodCallExpr m -> m.getScope().map(s -> s != e).orElse(true);
            case MethodReferenceExpr r -> r.getScope() != e;
            default -> true;
        };
    }

    private static boolean isOutermostType(ClassOrInterfaceType type) {
        return !(type.getParentNode().orElse(null) instanceof ClassOrInterfaceType outer
                 && outer.getScope().map(s -> s == type).orElse(false));
    }

    /** The dotted text of a pure name chain (NameExpr and FieldAccessExpr only), if it is one. */
    private static Optional<String> dotted(Expression e) {
        if (e instanceof NameExpr n) {
            return Optional.of(n.getNameAsString());
        }
        if (e instanceof FieldAccessExpr f) {
            return dotted(f.getScope()).map(s -> s + "." + f.getNameAsString());
        }
        return Optional.empty();
    }

    private static Optional<String> scopeName(Expression scope) {
        if (scope instanceof TypeExpr t) {
            Type type = t.getType();
            return type instanceof ClassOrInterfaceType c ? Optional.of(c.getNameWithScope()) : Optional.empty();
        }
        return dotted(scope);
    }

    private void report(Node at, String reason) {
        String line = at.getBegin().map(p -> "line " + p.line + ": ").orElse("");
        String message = line + reason;
        if (out.size() < MAX_REASONS) {   // the caller shows the first few; the rest cost time and say nothing new
            out.add(message);
        }
    }
}
