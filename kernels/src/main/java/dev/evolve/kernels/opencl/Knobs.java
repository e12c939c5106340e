package dev.evolve.kernels.opencl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code #define} lines of an OpenCL C source, as the host reads them. A define whose value
 * is a plain decimal integer literal (an optional trailing {@code //} comment aside) is a knob
 * value; anything else (an expression, a type, a function-like macro) is recorded by name only.
 *
 * <pre>{@code
 * Knobs k = Knobs.parse("#define LOCAL_X 16\n#define TILE 8 // k depth\n");
 * k.value("LOCAL_X");   // OptionalInt[16]
 * k.line("TILE");       // 2
 * }</pre>
 *
 * @param values    integer-literal defines, in source order
 * @param lines     1-based line of each name's first definition (literal or not)
 * @param nonLiteral names defined with something other than an integer literal
 * @param repeated  names defined more than once
 * @param undefined names that appear in an {@code #undef}
 */
public record Knobs(Map<String, Integer> values, Map<String, Integer> lines, Set<String> nonLiteral,
                    Set<String> repeated, Set<String> undefined) {

    private static final Pattern DEFINE = Pattern.compile("^\\s*#\\s*define\\s+([A-Za-z_][A-Za-z0-9_]*)(\\(?)(.*)$");
    private static final Pattern UNDEF = Pattern.compile("^\\s*#\\s*undef\\s+([A-Za-z_][A-Za-z0-9_]*).*$");
    private static final Pattern INT = Pattern.compile("[+-]?\\d{1,10}");

    public Knobs {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        nonLiteral = Collections.unmodifiableSet(new LinkedHashSet<>(nonLiteral));
        repeated = Collections.unmodifiableSet(new LinkedHashSet<>(repeated));
        undefined = Collections.unmodifiableSet(new LinkedHashSet<>(undefined));
    }

    /** Reads every {@code #define} and {@code #undef} line of {@code source}. Never throws. */
    public static Knobs parse(String source) {
        Map<String, Integer> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        Set<String> nonLiteral = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        Set<String> undefined = new LinkedHashSet<>();
        String[] text = source.split("\n", -1);
        for (int i = 0; i < text.length; i++) {
            Matcher undef = UNDEF.matcher(text[i]);
            if (undef.matches()) {
                undefined.add(undef.group(1));
                continue;
            }
            Matcher m = DEFINE.matcher(text[i]);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            if (lines.containsKey(name)) {
                repeated.add(name);
                continue;
            }
            lines.put(name, i + 1);
            String value = stripComment(m.group(3)).strip();
            boolean functionLike = !m.group(2).isEmpty();
            if (!functionLike && INT.matcher(value).matches()) {
                long v = Long.parseLong(value);
                if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    values.put(name, (int) v);
                    continue;
                }
            }
            nonLiteral.add(name);
        }
        return new Knobs(values, lines, nonLiteral, repeated, undefined);
    }

    private static String stripComment(String s) {
        int line = s.indexOf("//");
        int block = s.indexOf("/*");
        int cut = line < 0 ? block : block < 0 ? line : Math.min(line, block);
        return cut < 0 ? s : s.substring(0, cut);
    }

    /** The integer value of {@code name}, when it is defined as a plain integer literal. */
    public OptionalInt value(String name) {
        Integer v = values.get(name);
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The value of a knob that {@link #problems} found in order; throws when it is missing. */
    public int require(String name) {
        Integer v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("knob " + name + " is not defined as an integer");
        }
        return v;
    }

    /** The 1-based line of {@code name}'s first definition; 0 when it is not defined. */
    public int line(String name) {
        return lines.getOrDefault(name, 0);
    }

    /**
     * What is wrong with the host-read knobs {@code wanted}, one message each (empty when all are
     * plain integer literals, defined once, never undefined, and within their bounds).
     */
    public List<String> problems(List<Knob> wanted) {
        List<String> out = new ArrayList<>();
        for (Knob k : wanted) {
            String where = lines.containsKey(k.name()) ? " (line " + line(k.name()) + ")" : "";
            if (!lines.containsKey(k.name())) {
                out.add("missing '#define " + k.name() + " <integer>' (" + k.meaning() + ")");
            } else if (nonLiteral.contains(k.name())) {
                out.add(k.name() + where + " must be a plain integer literal: the host reads it to launch the kernel");
            } else if (repeated.contains(k.name()) || undefined.contains(k.name())) {
                out.add(k.name() + where + " must be defined exactly once and never #undef'd: the host reads it");
            } else {
                int v = values.get(k.name());
                if (v < k.min() || v > k.max()) {
                    out.add(k.name() + where + " = " + v + " is out of range [" + k.min() + ", " + k.max() + "]");
                }
            }
        }
        return out;
    }
}
