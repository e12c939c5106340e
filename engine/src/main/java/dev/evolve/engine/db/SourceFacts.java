package dev.evolve.engine.db;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Facts about a source that the built-in feature dimensions bin. Computed once per source: the grid asks every
 * dimension in turn, and parsing twice would double the cost of an add.
 *
 * @param nonBlankLines lines with any non-whitespace character
 * @param usesVectorApi a Vector API type is used outside the import statements
 * @param parallel      a parallel stream is used ({@code .parallel()} or {@code parallelStream()})
 * @param loopDepth     deepest nesting of for/while/do loops
 * @param forLoops      number of for loops
 */
record SourceFacts(int nonBlankLines, boolean usesVectorApi, boolean parallel, int loopDepth, int forLoops) {

    private static final Pattern VECTOR_TYPE =
            Pattern.compile("(Double|Float|Int|Long|Short|Byte)Vector|Vector(Species|Operators|Mask|Shuffle)");

    // The grid asks each dimension about the same record in turn; remembering the last source avoids re-parsing.
    private static final ThreadLocal<SourceFacts> LAST = new ThreadLocal<>();
    private static final ThreadLocal<String> LAST_SOURCE = new ThreadLocal<>();

    static SourceFacts of(String source) {
        if (source == LAST_SOURCE.get()) {
            return LAST.get();
        }
        SourceFacts facts = compute(source);
        LAST_SOURCE.set(source);
        LAST.set(facts);
        return facts;
    }

    private static SourceFacts compute(String source) {
        int lines = (int) source.lines().filter(l -> !l.isBlank()).count();
        List<String> tokens = JavaTokens.tokenize(source);
        boolean vector = false;
        boolean parallel = false;
        int forTokens = 0;
        boolean inImport = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("import")) {
                inImport = true;
            } else if (inImport) {
                inImport = !t.equals(";");
            } else if (VECTOR_TYPE.matcher(t).matches()) {
                vector = true;
            } else if (t.equals("parallelStream")
                    || (t.equals("parallel") && i > 0 && tokens.get(i - 1).equals(".")
                        && i + 1 < tokens.size() && tokens.get(i + 1).equals("("))) {
                parallel = true;
            } else if (t.equals("for")) {
                forTokens++;
            }
        }
        ParseResult<CompilationUnit> parsed = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21)).parse(source);
        if (parsed.isSuccessful() && parsed.getResult().isPresent()) {
            CompilationUnit unit = parsed.getResult().get();
            int fors = unit.findAll(ForStmt.class).size() + unit.findAll(ForEachStmt.class).size();
            return new SourceFacts(lines, vector, parallel, loopDepth(unit), fors);
        }
        // A measured program compiled, so this is rare (syntax newer than the parser knows): count the keyword and
        // assume every loop is nested, the usual shape of a kernel.
        return new SourceFacts(lines, vector, parallel, forTokens, forTokens);
    }

    private static int loopDepth(Node node) {
        int deepest = 0;
        for (Node child : node.getChildNodes()) {
            deepest = Math.max(deepest, loopDepth(child));
        }
        boolean loop = node instanceof ForStmt || node instanceof ForEachStmt || node instanceof WhileStmt
                || node instanceof DoStmt;
        return deepest + (loop ? 1 : 0);
    }
}
