package dev.evolve.eval.statics;

import java.util.Optional;

/**
 * Bounds on a variant's text that keep every later stage (JavaParser, javac, the class-file
 * check, the engine's rewrites of a parent) in bounded time and stack: its length, how deeply its
 * brackets nest, and how many operators one statement chains. JavaParser and javac descend
 * recursively, so 3,000 nested parentheses, or a sum of 5,000 terms, overflow a thread's stack of
 * 1 MiB; no kernel needs more than a few dozen levels or a few hundred operators in a statement.
 * One linear pass that skips comments, strings and characters.
 *
 * <pre>{@code
 * SourceBounds.problem(source).ifPresent(reason -> reject(reason));
 * }</pre>
 */
public final class SourceBounds {

    /** Characters a variant may have (seeds have a few thousand; results of long runs tens of thousands). */
    public static final int MAX_CHARS = 1 << 20;
    /** Brackets ( [ { open at once, at most. */
    public static final int MAX_NESTING = 64;
    /** Operator characters ({@code + - * / % & | ^ < > ? : !}) between two of {@code ; { }}, at most. */
    public static final int MAX_OPERATORS = 1_000;

    private SourceBounds() {
    }

    private static Optional<String> tooManyOperators(int line) {
        return Optional.of("line " + line + ": one statement chains more than " + MAX_OPERATORS
                + " operators; split it into several statements");
    }

    /** Why {@code source} is out of bounds, or empty when it is within them. */
    public static Optional<String> problem(String source) {
        if (source.length() > MAX_CHARS) {
            return Optional.of("the variant has " + source.length() + " characters; at most " + MAX_CHARS + " are allowed");
        }
        int depth = 0;
        int operators = 0;
        int line = 1;
        int n = source.length();
        for (int i = 0; i < n; i++) {
            char ch = source.charAt(i);
            switch (ch) {
                case '\n' -> line++;
                case '(', '[', '{' -> {
                    operators = ch == '{' ? 0 : operators;
                    if (++depth > MAX_NESTING) {
                        return Optional.of("line " + line + ": brackets nest more than " + MAX_NESTING
                                + " levels deep; simplify the expression");
                    }
                }
                case ')', ']' -> depth = Math.max(0, depth - 1);
                case '}' -> {
                    depth = Math.max(0, depth - 1);
                    operators = 0;
                }
                case ';' -> operators = 0;
                case '+', '-', '*', '%', '&', '|', '^', '<', '>', '?', ':', '!' -> {
                    if (++operators > MAX_OPERATORS) {
                        return tooManyOperators(line);
                    }
                }
                case '/' -> {
                    if (i + 1 < n && source.charAt(i + 1) == '/') {
                        while (i + 1 < n && source.charAt(i + 1) != '\n') {
                            i++;
                        }
                    } else if (i + 1 < n && source.charAt(i + 1) == '*') {
                        i += 2;
                        while (i < n && !(source.charAt(i) == '*' && i + 1 < n && source.charAt(i + 1) == '/')) {
                            line += source.charAt(i) == '\n' ? 1 : 0;
                            i++;
                        }
                        i++;
                    } else if (++operators > MAX_OPERATORS) {
                        return tooManyOperators(line);
                    }
                }
                case '"', '\'' -> {
                    boolean textBlock = ch == '"' && source.startsWith("\"\"\"", i);
                    String close = textBlock ? "\"\"\"" : String.valueOf(ch);
                    i += textBlock ? 3 : 1;
                    while (i < n && !source.startsWith(close, i)) {
                        char c = source.charAt(i);
                        if (c == '\\') {
                            i++;
                        } else if (c == '\n') {
                            line++;
                            if (!textBlock) {
                                break;  // an unclosed literal: javac reports it; keep counting from here
                            }
                        }
                        i++;
                    }
                    i += textBlock ? 2 : 0;
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }
}
