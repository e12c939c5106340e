package dev.evolve.kernels.custom;

import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * A small arithmetic expression in the problem size {@code n}, for array lengths and FLOP and byte
 * counts: numbers, {@code n}, {@code + - * / ^} (power, right-associative), unary minus and
 * parentheses. Nothing else is accepted, so a spec file cannot make the engine run anything.
 *
 * <pre>{@code
 * SizeExpression flops = SizeExpression.parse("2*n^2 + n");
 * flops.at(1000);          // 2001000.0
 * SizeExpression.parse("n*");   // IllegalArgumentException: cannot parse 'n*': expected a number, n or '(' at position 3
 * }</pre>
 */
public final class SizeExpression {

    /** Longer expressions are refused; a size formula is a few terms. */
    public static final int MAX_LENGTH = 200;
    private static final int MAX_DEPTH = 32;

    private final String text;
    private final DoubleUnaryOperator value;

    private SizeExpression(String text, DoubleUnaryOperator value) {
        this.text = text;
        this.value = value;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the expression, the position and what was expected
     */
    public static SizeExpression parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("the expression is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the expression is longer than " + MAX_LENGTH + " characters");
        }
        Parser p = new Parser(text);
        DoubleUnaryOperator op = p.expression(0);
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new SizeExpression(text.strip(), op);
    }

    /** The value at problem size {@code n}; may be fractional, negative or not finite (callers check). */
    public double at(double n) {
        return value.applyAsDouble(n);
    }

    /** The expression as written (without surrounding spaces). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SizeExpression e && e.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Recursive descent: expression = term (+|- term)*, term = unary (*|/ unary)*, unary = -unary | power, power = atom (^ unary)?. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        DoubleUnaryOperator expression(int depth) {
            checkDepth(depth);
            DoubleUnaryOperator left = term(depth);
            while (true) {
                skipSpaces();
                if (eat('+')) {
                    DoubleUnaryOperator l = left;
                    DoubleUnaryOperator r = term(depth);
                    left = n -> l.applyAsDouble(n) + r.applyAsDouble(n);
                } else if (eat('-')) {
                    DoubleUnaryOperator l = left;
                    DoubleUnaryOperator r = term(depth);
                    left = n -> l.applyAsDouble(n) - r.applyAsDouble(n);
                } else {
                    return left;
                }
            }
        }

        private DoubleUnaryOperator term(int depth) {
            DoubleUnaryOperator left = unary(depth);
            while (true) {
                skipSpaces();
                if (eat('*')) {
                    DoubleUnaryOperator l = left;
                    DoubleUnaryOperator r = unary(depth);
                    left = n -> l.applyAsDouble(n) * r.applyAsDouble(n);
                } else if (eat('/')) {
                    DoubleUnaryOperator l = left;
                    DoubleUnaryOperator r = unary(depth);
                    left = n -> l.applyAsDouble(n) / r.applyAsDouble(n);
                } else {
                    return left;
                }
            }
        }

        private DoubleUnaryOperator unary(int depth) {
            checkDepth(depth);
            skipSpaces();
            if (eat('-')) {
                DoubleUnaryOperator inner = unary(depth + 1);
                return n -> -inner.applyAsDouble(n);
            }
            DoubleUnaryOperator base = atom(depth);
            skipSpaces();
            if (eat('^')) {
                DoubleUnaryOperator exponent = unary(depth + 1);
                return n -> Math.pow(base.applyAsDouble(n), exponent.applyAsDouble(n));
            }
            return base;
        }

        private DoubleUnaryOperator atom(int depth) {
            skipSpaces();
            if (pos >= s.length()) {
                throw error("expected a number, n or '(' but the expression ended");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                DoubleUnaryOperator inner = expression(depth + 1);
                skipSpaces();
                if (!eat(')')) {
                    throw error("expected ')'");
                }
                return inner;
            }
            if (c == 'n' && !identifierAt(pos + 1)) {
                pos++;
                return n -> n;
            }
            if (Character.isDigit(c) || c == '.') {
                return number();
            }
            if (Character.isLetter(c)) {
                int end = pos;
                while (end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
                    end++;
                }
                throw error("unknown name '" + s.substring(pos, end) + "' (only n is known)");
            }
            throw error("expected a number, n or '('");
        }

        private DoubleUnaryOperator number() {
            int start = pos;
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int mark = pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) {
                    pos = mark;
                    throw error("malformed exponent");
                }
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            String literal = s.substring(start, pos);
            double v;
            try {
                v = Double.parseDouble(literal);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("malformed number '" + literal + "'");
            }
            if (identifierAt(pos)) {
                throw error("a number must not run into a name");
            }
            return n -> v;
        }

        private boolean identifierAt(int i) {
            return i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_');
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean eat(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH + " levels");
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(String.format(Locale.ROOT, "cannot parse '%s': %s at position %d",
                    s, what, pos + 1));
        }
    }
}
