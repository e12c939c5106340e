package dev.evolve.engine.db;

import java.util.List;

/**
 * The deepest nesting of {@code for}, {@code while} and {@code do} loops, read from tokens by a small statement
 * parser: blocks, loop headers and brace-less loop bodies are followed, everything else is skipped. It is many times
 * cheaper than a full Java parse (which costs milliseconds for a 3 KB kernel) and never fails on odd code.
 */
final class LoopNesting {

    private final List<String> tokens;
    private int pos;

    private LoopNesting(List<String> tokens) {
        this.tokens = tokens;
    }

    /** The loop depth of code given as {@link JavaTokens#tokenize} tokens. */
    static int depth(List<String> tokens) {
        LoopNesting p = new LoopNesting(tokens);
        int deepest = 0;
        while (!p.atEnd()) {
            if (p.peek().equals("}")) {
                p.pos++; // unbalanced: skip
            } else {
                deepest = Math.max(deepest, p.statement(0));
            }
        }
        return deepest;
    }

    private boolean atEnd() {
        return pos >= tokens.size();
    }

    private String peek() {
        return tokens.get(pos);
    }

    private boolean peekIs(String t) {
        return !atEnd() && peek().equals(t);
    }

    private int statement(int depth) {
        String t = peek();
        switch (t) {
            case "for", "while" -> {
                pos++;
                skipParens();
                return atEnd() ? depth + 1 : Math.max(depth + 1, statement(depth + 1));
            }
            case "do" -> {
                pos++;
                int deepest = atEnd() ? depth + 1 : Math.max(depth + 1, statement(depth + 1));
                if (peekIs("while")) {
                    pos++;
                    skipParens();
                    if (peekIs(";")) {
                        pos++;
                    }
                }
                return deepest;
            }
            case "{" -> {
                return block(depth);
            }
            default -> {
                return other(depth);
            }
        }
    }

    private int block(int depth) {
        pos++; // '{'
        int deepest = depth;
        while (!atEnd() && !peek().equals("}")) {
            deepest = Math.max(deepest, statement(depth));
        }
        if (!atEnd()) {
            pos++; // '}'
        }
        return deepest;
    }

    /** Any other statement or declaration: up to its ';', through the blocks it contains (lambdas, bodies). */
    private int other(int depth) {
        int deepest = depth;
        while (!atEnd()) {
            String t = peek();
            switch (t) {
                case ";" -> {
                    pos++;
                    return deepest;
                }
                case "}" -> {
                    return deepest;
                }
                case "for", "while", "do" -> {
                    return Math.max(deepest, statement(depth));
                }
                case "{" -> {
                    deepest = Math.max(deepest, block(depth));
                    if (atEnd() || endsStatementAfterBlock(peek())) {
                        return deepest;
                    }
                }
                default -> pos++;
            }
        }
        return deepest;
    }

    /**
     * After a block, a name or another brace starts the next statement ({@code if (c) {...} x = 1;}), while
     * {@code else}, {@code catch}, {@code finally} or an operator ({@code }); }, {@code }.run()}) continue this one.
     */
    private static boolean endsStatementAfterBlock(String next) {
        if (next.equals("else") || next.equals("catch") || next.equals("finally")) {
            return false;
        }
        return next.equals("{") || next.equals("}") || next.equals("@")
                || Character.isJavaIdentifierStart(next.charAt(0));
    }

    private void skipParens() {
        if (!peekIs("(")) {
            return;
        }
        int open = 0;
        while (!atEnd()) {
            String t = tokens.get(pos++);
            if (t.equals("(")) {
                open++;
            } else if (t.equals(")") && --open == 0) {
                return;
            }
        }
    }
}
