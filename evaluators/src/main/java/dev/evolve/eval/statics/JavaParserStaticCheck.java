package dev.evolve.eval.statics;

import static dev.evolve.eval.statics.SourceLines.lineOf;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.Type;
import dev.evolve.kernels.KernelTarget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The static pre-filter, on a JavaParser syntax tree. A variant passes when it
 * <ol>
 *   <li>is within {@link SourceBounds} (length and bracket nesting) and parses (Java 21);</li>
 *   <li>keeps both evolve markers exactly once and leaves every line outside the block as in the seed;</li>
 *   <li>declares the public class {@link KernelTarget#className()} implementing the kernel interface,
 *       with every interface method declared public, same name, parameter types and return type;</li>
 *   <li>names no API a kernel has no business calling: files and I/O, network, processes, the
 *       environment and system properties, {@code System.exit}, reflection, method handles, class
 *       loading, JDK internals, native methods, static initializers, threads and executors
 *       (parallel streams and the Vector API only where the target allows them), and project
 *       types other than the kernel interface.</li>
 * </ol>
 * Stateless and thread-safe: each call parses with its own {@link JavaParser}.
 *
 * <pre>{@code
 * List<String> reasons = new JavaParserStaticCheck().violations(Targets.require("matmul"), source);
 * if (!reasons.isEmpty()) return new EvaluationOutcome.Rejected(String.join("\n", reasons));
 * }</pre>
 */
public final class JavaParserStaticCheck implements StaticCheck {

    /** The project's source level; javac compiles variants for the same JDK. */
    static final LanguageLevel LANGUAGE_LEVEL = LanguageLevel.JAVA_21;

    /** javac translates unicode escapes before parsing, so they could hide names from this check. */
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{4}");

    private static final int MAX_REASONS = 20;

    private final Map<String, Set<String>> seedImports = new ConcurrentHashMap<>();

    @Override
    public List<String> violations(KernelTarget target, String source) {
        if (source == null || source.isBlank()) {
            return List.of("the variant source is empty");
        }
        Optional<String> outOfBounds = SourceBounds.problem(source);
        if (outOfBounds.isPresent()) {
            return List.of(outOfBounds.get());   // before parsing: too deep a nesting overflows the parser's stack
        }
        List<String> out = new ArrayList<>();
        unicodeEscapes(source, out);
        ParseResult<CompilationUnit> parsed = parse(source);
        parsed.getProblems().stream().limit(5).forEach(p -> out.add(syntaxError(p)));
        out.addAll(BlockIntegrity.violations(target.seedSource(), source));
        Optional<CompilationUnit> unit = parsed.getResult();
        if (parsed.isSuccessful() && unit.isPresent()) {
            out.addAll(declarationProblems(target, unit.get()));
            out.addAll(ApiScan.violations(unit.get(), target.allowedConstructs(), target.kernelInterface(),
                    importsOfSeed(target)));
        }
        return out.size() <= MAX_REASONS ? List.copyOf(out) : List.copyOf(out.subList(0, MAX_REASONS));
    }

    private static ParseResult<CompilationUnit> parse(String source) {
        // A fresh parser per call: JavaParser instances are not thread-safe.
        return new JavaParser(new ParserConfiguration().setLanguageLevel(LANGUAGE_LEVEL)).parse(source);
    }

    private static void unicodeEscapes(String source, List<String> out) {
        Matcher m = UNICODE_ESCAPE.matcher(source);
        if (m.find()) {
            out.add("line " + lineOf(source, m.start()) + ": unicode escape `" + m.group()
                    + "` is not allowed in a kernel; write the character itself");
        }
    }

    private static String syntaxError(Problem p) {
        String where = p.getLocation().flatMap(r -> r.getBegin().getRange())
                .map(r -> "line " + r.begin.line + ": ").orElse("");
        String message = p.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        int expected = message.indexOf(", expected one of");
        if (expected > 0) {     // the token list javacc offers is long and rarely helps
            message = message.substring(0, expected);
        }
        if (message.length() > 200) {
            message = message.substring(0, 197) + "...";
        }
        return where + "syntax error: " + message;
    }

    private Set<String> importsOfSeed(KernelTarget target) {
        return seedImports.computeIfAbsent(target.seedSource(), seed -> parse(seed).getResult()
                .map(u -> u.getImports().stream().map(ApiScan::importKey).collect(Collectors.toUnmodifiableSet()))
                .orElseThrow(() -> new IllegalStateException("the seed of target " + target.name() + " does not parse")));
    }

    /** The class exists, is public, implements the kernel interface and keeps each kernel method. */
    private static List<String> declarationProblems(KernelTarget target, CompilationUnit unit) {
        List<String> out = new ArrayList<>();
        Class<?> api = target.kernelInterface();
        Optional<ClassOrInterfaceDeclaration> found = unit.getClassByName(target.className());
        if (found.isEmpty()) {
            out.add("line 1: the variant must declare the top-level class `" + target.className() + "`");
            return out;
        }
        ClassOrInterfaceDeclaration type = found.get();
        String line = type.getBegin().map(p -> "line " + p.line + ": ").orElse("");
        if (!type.isPublic()) {
            out.add(line + "class `" + target.className() + "` must be public");
        }
        boolean implementsApi = type.getImplementedTypes().stream()
                .map(ClassOrInterfaceType::getNameWithScope)
                .anyMatch(n -> n.equals(api.getSimpleName()) || n.equals(api.getCanonicalName()));
        if (!implementsApi) {
            out.add(line + "class `" + target.className() + "` must implement " + api.getSimpleName());
        }
        for (Method required : api.getMethods()) {
            if (Modifier.isAbstract(required.getModifiers())) {
                kernelMethodProblem(type, required).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<String> kernelMethodProblem(ClassOrInterfaceDeclaration type, Method required) {
        String signature = signature(required);
        List<MethodDeclaration> sameName = type.getMethodsByName(required.getName());
        Optional<MethodDeclaration> match = sameName.stream()
                .filter(m -> parametersMatch(m.getParameters(), required.getParameterTypes()))
                .findFirst();
        if (match.isEmpty()) {
            String where = sameName.isEmpty()
                    ? type.getBegin().map(p -> "line " + p.line + ": ").orElse("")
                    : sameName.getFirst().getBegin().map(p -> "line " + p.line + ": ").orElse("");
            return Optional.of(where + "the kernel method `" + signature + "` is missing or its parameters changed"
                    + (sameName.isEmpty() ? "" : " (found `" + sameName.getFirst().getDeclarationAsString(true, false, false) + "`)")
                    + "; keep the signature of " + required.getDeclaringClass().getSimpleName());
        }
        MethodDeclaration m = match.get();
        String where = m.getBegin().map(p -> "line " + p.line + ": ").orElse("");
        if (!m.isPublic() || m.isStatic() || m.isAbstract() || m.getBody().isEmpty()) {
            return Optional.of(where + "the kernel method must be declared `" + signature + " { ... }`");
        }
        if (!typeMatches(m.getType(), required.getReturnType())) {
            return Optional.of(where + "the kernel method must return " + required.getReturnType().getSimpleName()
                    + ": `" + signature + "`");
        }
        return Optional.empty();
    }

    private static String signature(Method m) {
        return "public " + m.getReturnType().getSimpleName() + " " + m.getName() + "("
                + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }

    private static boolean parametersMatch(List<Parameter> declared, Class<?>[] required) {
        if (declared.size() != required.length) {
            return false;
        }
        for (int i = 0; i < required.length; i++) {
            Parameter p = declared.get(i);
            Type t = p.getType();
            Class<?> want = required[i];
            if (p.isVarArgs()) {
                if (!want.isArray()) {
                    return false;
                }
                want = want.getComponentType();
            }
            if (!typeMatches(t, want)) {
                return false;
            }
        }
        return true;
    }

    /** Erasure-level match of a source type with a reflected class: simple or canonical names accepted. */
    private static boolean typeMatches(Type t, Class<?> want) {
        if (want.isArray()) {
            return t.isArrayType() && typeMatches(t.asArrayType().getComponentType(), want.getComponentType());
        }
        if (want == void.class) {
            return t.isVoidType();
        }
        if (want.isPrimitive()) {
            return t.isPrimitiveType() && t.asPrimitiveType().asString().equals(want.getName());
        }
        if (!t.isClassOrInterfaceType()) {
            return false;
        }
        String name = t.asClassOrInterfaceType().getNameWithScope();
        return name.equals(want.getSimpleName()) || name.equals(want.getCanonicalName());
    }
}
