package dev.evolve.engine.db;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Facts about a source that the built-in feature dimensions bin. All from tokens, no parse. Computed once per source:
 * the grid asks every dimension in turn about the same record.
 *
 * @param nonBlankLines lines with any non-whitespace character
 * @param usesVectorApi a Vector API type is used outside the import statements
 * @param parallel      a parallel stream is used ({@code .parallel()} or {@code parallelStream()})
 * @param loopDepth     deepest nesting of for/while/do loops
 * @param forLoops      number of for loops (the keyword, so for-each loops count too)
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
        return new SourceFacts(lines, vector, parallel, LoopNesting.depth(tokens), forTokens);
    }
}
