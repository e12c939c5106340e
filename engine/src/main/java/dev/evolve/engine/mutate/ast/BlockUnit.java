package dev.evolve.engine.mutate.ast;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.evolve.kernels.EvolveBlock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The evolve block of one variant, parsed as the members of a wrapper class so that the text outside
 * the block is never touched: {@link #render()} prints only the members back. Mutable, one per apply.
 */
final class BlockUnit {

    private static final String WRAPPER = "EvolveBlockMembers";

    private final JavaParser parser;
    private final String source;
    private final ClassOrInterfaceDeclaration members;
    private final Set<String> taken = new HashSet<>();

    private BlockUnit(JavaParser parser, String source, ClassOrInterfaceDeclaration members) {
        this.parser = parser;
        this.source = source;
        this.members = members;
        members.findAll(SimpleName.class).forEach(n -> taken.add(n.getIdentifier()));
    }

    /** A parser at the Java 21 language level; a fresh one per mutation, as parsers keep state. */
    static JavaParser newParser() {
        return new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
    }

    /** Empty when the block does not parse as class members. */
    static Optional<BlockUnit> parse(String source, EvolveBlock block) {
        JavaParser parser = newParser();
        ParseResult<CompilationUnit> result = parser.parse("class " + WRAPPER + " {\n" + block.body() + "\n}\n");
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return Optional.empty();
        }
        return result.getResult().get().getClassByName(WRAPPER)
                .map(type -> new BlockUnit(parser, source, type));
    }

    /** Whether a whole source file parses at the Java 21 level. */
    static boolean parses(String source) {
        return newParser().parse(source).isSuccessful();
    }

    ClassOrInterfaceDeclaration members() {
        return members;
    }

    /** The first method with this name in the block. */
    Optional<MethodDeclaration> method(String name) {
        return members.getMethodsByName(name).stream().findFirst();
    }

    /** The block's members, printed at one level of indentation, ready for {@link EvolveBlock#withBody}. */
    String render() {
        String printed = members.toString().replace("\r\n", "\n");
        int open = printed.indexOf('\n');
        int close = printed.lastIndexOf('\n');
        String inner = close > open ? printed.substring(open + 1, close) : "";
        while (inner.startsWith("\n")) {
            inner = inner.substring(1);
        }
        return inner.endsWith("\n") ? inner : inner + "\n";
    }

    /** Whether the source outside the block imports {@code fqn} (directly or by a wildcard on its package). */
    boolean imports(String fqn) {
        String pkg = fqn.substring(0, fqn.lastIndexOf('.'));
        return source.contains("import " + fqn + ";") || source.contains("import " + pkg + ".*;");
    }

    /** Whether the Vector API types used by generated code are imported outside the block. */
    boolean vectorApiImported() {
        return imports("jdk.incubator.vector.DoubleVector") && imports("jdk.incubator.vector.VectorSpecies");
    }

    /**
     * How generated code names a type of {@code jdk.incubator.vector}: the simple name when the file imports it,
     * else the qualified name (edits outside the evolve block are not allowed, so no import can be added).
     */
    String vectorApi(String simpleName) {
        String fqn = "jdk.incubator.vector." + simpleName;
        return imports(fqn) ? simpleName : fqn;
    }

    /** How generated code names IntStream: the simple name when imported. */
    String intStream() {
        return imports("java.util.stream.IntStream") ? "IntStream" : "java.util.stream.IntStream";
    }

    /** A local name not yet used anywhere in the block, reserved from now on. */
    String fresh(String base) {
        String name = base;
        for (int i = 2; taken.contains(name); i++) {
            name = base + i;
        }
        taken.add(name);
        return name;
    }

    /**
     * Adds {@code private static final int <fresh name from base> = value;} after the block's other fields, where a
     * reader expects constants; returns its name.
     */
    String addIntConstant(String base, int value) {
        String name = fresh(base);
        FieldDeclaration field = members.addFieldWithInitializer("int", name,
                new IntegerLiteralExpr(String.valueOf(value)),
                Modifier.Keyword.PRIVATE, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL);
        members.getMembers().remove(field);
        int at = 0;
        for (int m = 0; m < members.getMembers().size(); m++) {
            if (members.getMember(m).isFieldDeclaration()) {
                at = m + 1;
            }
        }
        members.getMembers().add(at, field);
        return name;
    }

    /**
     * The name of the block's {@code static final VectorSpecies<Double>} field, added as
     * {@code SPECIES = DoubleVector.SPECIES_PREFERRED} when there is none.
     */
    String species() {
        return species("Double", "DoubleVector");
    }

    /**
     * The name of the block's {@code static final VectorSpecies<boxed>} field, added as
     * {@code SPECIES = vectorClass.SPECIES_PREFERRED} when there is none.
     */
    String species(String boxed, String vectorClass) {
        for (FieldDeclaration field : members.getFields()) {
            if (field.isStatic() && field.isFinal()
                    && field.getElementType() instanceof ClassOrInterfaceType t
                    && t.getNameAsString().equals("VectorSpecies")
                    && t.getTypeArguments().map(a -> a.size() == 1 && a.get(0).asString().equals(boxed)).orElse(false)) {
                return field.getVariable(0).getNameAsString();
            }
        }
        String name = taken.contains("SPECIES") ? fresh("SPECIES") : "SPECIES";
        taken.add(name);
        FieldDeclaration field = parser.parseBodyDeclaration(
                "private static final " + vectorApi("VectorSpecies") + "<" + boxed + "> " + name + " = "
                        + vectorApi(vectorClass) + ".SPECIES_PREFERRED;")
                .getResult().orElseThrow().asFieldDeclaration();
        members.getMembers().addFirst(field);
        return name;
    }

    Expression expr(String text) {
        return parser.parseExpression(text).getResult()
                .orElseThrow(() -> new IllegalStateException("generated expression does not parse: " + text));
    }

    Statement stmt(String text) {
        return parser.parseStatement(text).getResult()
                .orElseThrow(() -> new IllegalStateException("generated statement does not parse: " + text));
    }

    /** The statements of a generated {@code { ... }} block. */
    List<Statement> stmts(String blockText) {
        BlockStmt block = parser.parseBlock(blockText).getResult()
                .orElseThrow(() -> new IllegalStateException("generated block does not parse: " + blockText));
        return List.copyOf(block.getStatements());
    }
}
