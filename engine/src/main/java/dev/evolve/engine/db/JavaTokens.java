package dev.evolve.engine.db;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Java lexer that is enough to compare programs: it drops comments and whitespace, keeps string, char and
 * text-block literals verbatim, and splits operators by maximal munch as javac does. It never fails: unterminated
 * literals or comments run to the end of the text, so unparsable candidates still get a stable identity.
 */
final class JavaTokens {

    /** Operators longest first, so that the first match is the maximal munch. */
    private static final String[] OPERATORS = {
        ">>>=", "<<=", ">>=", ">>>", "...", "->", "::", "++", "--", "&&", "||", "==", "!=", "<=", ">=",
        "+=", "-=", "*=", "/=", "&=", "|=", "^=", "%=", "<<", ">>",
    };

    /** Separators that never start a longer operator: the common case, answered without the list. */
    private static final String SINGLE = "(){}[];,@?~";

    private JavaTokens() {}

    /** The tokens of {@code source} with comments and whitespace removed. */
    static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = endOfLine(source, i);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = endOfTextBlock(source, i + 3);
                tokens.add(source.substring(i, end));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = endOfQuoted(source, i + 1, c);
                tokens.add(source.substring(i, end));
                i = end;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(source.charAt(i + 1)))) {
                int end = endOfNumber(source, i);
                tokens.add(source.substring(i, end));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(source.charAt(end))) {
                    end++;
                }
                tokens.add(source.substring(i, end));
                i = end;
            } else {
                String op = operatorAt(source, i);
                tokens.add(op);
                i += op.length();
            }
        }
        return tokens;
    }

    private static int endOfLine(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) != '\n' && s.charAt(end) != '\r') {
            end++;
        }
        return end;
    }

    private static int endOfTextBlock(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (s.startsWith("\"\"\"", i)) {
                return i + 3;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int endOfQuoted(String s, int from, char quote) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i; // an unterminated literal ends at the line end, as javac reports it
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int endOfNumber(String s, int from) {
        boolean hex = s.startsWith("0x", from) || s.startsWith("0X", from);
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                i++;
            } else if ((c == '+' || c == '-') && i > from && isExponentMark(s.charAt(i - 1), hex)) {
                i++;
            } else {
                break;
            }
        }
        return Math.min(i, s.length());
    }

    private static boolean isExponentMark(char c, boolean hex) {
        return hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E');
    }

    private static String operatorAt(String s, int i) {
        if (SINGLE.indexOf(s.charAt(i)) >= 0) {
            return String.valueOf(s.charAt(i));
        }
        for (String op : OPERATORS) {
            if (s.startsWith(op, i)) {
                return op;
            }
        }
        return String.valueOf(s.charAt(i));
    }
}
