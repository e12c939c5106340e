package dev.evolve.engine.mutate.text;

import dev.evolve.engine.mutate.Rewrite;
import dev.evolve.kernels.EvolveBlock;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Numeric knob tuning for programs in any language: moves one numeric literal of the evolve block
 * by a multiplicative or additive step. Text outside the block never changes.
 *
 * <p>Instance {@code k} ({@code tune-number-k}) tunes literal {@code k mod count} of the block, in
 * reading order; its knob picks the step: {@code 0..5} multiply by 0.5, 0.8, 0.95, 1.05, 1.25, 2;
 * {@code 6, 7} subtract or add one unit of the literal's last written digit (1 for {@code 12}, 0.01
 * for {@code 0.35}, 0.1e-3 for {@code 1.5e-3}). Integers stay integers (a multiplicative step that
 * rounds back to the same value moves by one instead), decimals keep their form and at most six
 * significant digits, and a literal never crosses zero. {@link #library()} holds
 * {@value #SLOTS} instances, so the recipe search reaches the first {@value #SLOTS} literals of any
 * block with its eight knob values.
 *
 * <pre>{@code
 * // "    return gap * 0.5 + 3\n" inside the block
 * new TuneNumbers(0).apply(source, 5);   // gap * 1.0 + 3
 * new TuneNumbers(1).apply(source, 7);   // gap * 0.5 + 4
 * }</pre>
 *
 * <p>What counts as a literal: digits with an optional fraction and exponent, and an optional
 * C/Java type suffix ({@code f}, {@code L}, {@code u}), standing alone: not part of a name
 * ({@code x2}), a hexadecimal or binary number, a version string ({@code 1.2.3}) or a number with
 * underscores. Literals in string literals and in comments ({@code //}, {@code /* ... *}{@code /},
 * and {@code #} followed by a space, as in Python or shell; {@code #define 64} is code) are left alone.
 */
public final class TuneNumbers implements Rewrite {

    /** Instances in {@link #library()}. */
    public static final int SLOTS = 16;
    static final double[] FACTORS = {0.5, 0.8, 0.95, 1.05, 1.25, 2.0};
    static final int DOWN = 6;
    static final int UP = 7;
    private static final List<Integer> KNOBS = IntStream.range(0, 8).boxed().toList();
    private static final Pattern LITERAL = Pattern.compile(
            "(?<![\\w.])(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?([fFdDlLuU]{0,3})(?![\\w.])");
    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);
    private static final BigDecimal LARGEST = new BigDecimal("1e15");

    private final int slot;

    /** @param slot which literal (modulo the block's count) this instance tunes */
    public TuneNumbers(int slot) {
        if (slot < 0) {
            throw new IllegalArgumentException("slot must be >= 0: " + slot);
        }
        this.slot = slot;
    }

    /** The rewrites for programs without a language-specific rewrite library: {@value #SLOTS} slots. */
    public static List<Rewrite> library() {
        List<Rewrite> out = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            out.add(new TuneNumbers(i));
        }
        return List.copyOf(out);
    }

    @Override
    public String name() {
        return "tune-number-" + slot;
    }

    @Override
    public String description() {
        return "move numeric literal " + slot + " (modulo their count) of the evolve block by a step: knob 0-5 "
                + "multiplies by 0.5, 0.8, 0.95, 1.05, 1.25, 2; 6 and 7 subtract or add one unit of its last digit";
    }

    @Override
    public List<Integer> knobs() {
        return KNOBS;
    }

    @Override
    public Optional<String> apply(String source, int knob) {
        if (knob < 0 || knob > UP) {
            return Optional.empty();
        }
        Optional<EvolveBlock> found = EvolveBlock.of(source);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EvolveBlock block = found.get();
        List<Literal> literals = literals(block.body());
        if (literals.isEmpty()) {
            return Optional.empty();
        }
        Literal m = literals.get(slot % literals.size());
        Optional<String> moved = step(m.mantissa, m.exponent, knob);
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        String body = block.body();
        String replaced = body.substring(0, m.start) + moved.get() + m.exponent + m.suffix + body.substring(m.end);
        return Optional.of(block.withBody(replaced));
    }

    /** The literal's position and parts: the mantissa ({@code 1.5}), the exponent ({@code e-3}), the suffix ({@code f}). */
    record Literal(int start, int end, String mantissa, String exponent, String suffix) {
    }

    /** Literals in code, in reading order: strings and comments skipped. */
    static List<Literal> literals(String body) {
        List<Literal> out = new ArrayList<>();
        for (int[] span : codeSpans(body)) {
            Matcher m = LITERAL.matcher(body).region(span[0], span[1]);
            m.useTransparentBounds(true);      // a name just outside the span still counts as a neighbour
            while (m.find()) {
                out.add(new Literal(m.start(), m.end(), m.group(1), m.group(2) == null ? "" : m.group(2),
                        m.group(3)));
            }
        }
        return out;
    }

    /** Stretches of {@code text} outside string literals and comments, as [start, end) pairs. */
    static List<int[]> codeSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int skipTo = -1;
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                skipTo = lineEnd(text, i);
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                skipTo = close < 0 ? n : close + 2;
            } else if (c == '#' && (i + 1 >= n || !Character.isLetter(text.charAt(i + 1)))) {
                skipTo = lineEnd(text, i);
            } else if (text.startsWith("\"\"\"", i) || text.startsWith("'''", i)) {
                int close = text.indexOf(text.substring(i, i + 3), i + 3);
                skipTo = close < 0 ? n : close + 3;
            } else if (c == '"' || c == '\'') {
                skipTo = stringEnd(text, i, c);
            }
            if (skipTo >= 0) {
                if (i > start) {
                    spans.add(new int[] {start, i});
                }
                i = skipTo;
                start = i;
            } else {
                i++;
            }
        }
        if (start < n) {
            spans.add(new int[] {start, n});
        }
        return spans;
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    /** The end of a quoted string: its closing quote, or the end of the line (an unclosed quote, as in "don't"). */
    private static int stringEnd(String text, int open, char quote) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i + 1;
            } else if (c == '\n') {
                return i;
            }
        }
        return text.length();
    }

    /** The mantissa moved by the knob's step, written like the original; empty when it would not move or cross zero. */
    static Optional<String> step(String mantissa, String exponent, int knob) {
        boolean decimal = mantissa.contains(".") || !exponent.isEmpty();
        BigDecimal value = new BigDecimal(mantissa.endsWith(".") ? mantissa + "0" : mantissa);
        BigDecimal next;
        if (knob == DOWN || knob == UP) {
            BigDecimal unit = BigDecimal.ONE.movePointLeft(Math.max(0, value.scale()));
            next = knob == UP ? value.add(unit) : value.subtract(unit);
        } else {
            next = value.multiply(BigDecimal.valueOf(FACTORS[knob]));
            if (decimal) {
                next = next.round(SIX_DIGITS);
            } else {
                BigDecimal rounded = next.setScale(0, RoundingMode.HALF_EVEN);
                if (rounded.compareTo(value) == 0 && value.signum() != 0) {
                    rounded = FACTORS[knob] > 1 ? value.add(BigDecimal.ONE) : value.subtract(BigDecimal.ONE);
                }
                next = rounded;
            }
        }
        if (next.signum() < 0 || next.compareTo(value) == 0 || next.abs().compareTo(LARGEST) > 0) {
            return Optional.empty();
        }
        if (!decimal) {
            return Optional.of(next.toBigInteger().toString());
        }
        BigDecimal plain = next.stripTrailingZeros();
        if (plain.scale() <= 0) {
            plain = plain.setScale(1);        // 2.0, not 2: a decimal stays a decimal
        }
        String text = plain.toPlainString();
        return Optional.of(mantissa.startsWith(".") && text.startsWith("0.") ? text.substring(1) : text);
    }
}
