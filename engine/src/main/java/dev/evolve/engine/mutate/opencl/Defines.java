package dev.evolve.engine.mutate.opencl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing {@code #define NAME value} lines of a block body. */
final class Defines {

    private Defines() {
    }

    /** The body with the first definition of {@code name} set to {@code value} (its comment kept). */
    static String set(String body, String name, int value) {
        Pattern line = Pattern.compile("(?m)^(\\s*#\\s*define\\s+" + Pattern.quote(name) + "\\s+)(\\S+)");
        Matcher m = line.matcher(body);
        if (!m.find()) {
            throw new IllegalArgumentException("no #define " + name);
        }
        return body.substring(0, m.start(2)) + value + body.substring(m.end(2));
    }

    /** {@code #define} lines for {@code values}, in order. */
    static String lines(Map<String, Integer> values) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append("#define ").append(k).append(' ').append(v).append('\n'));
        return b.toString();
    }

    /** An ordered map of name-value pairs: {@code of("LOCAL_X", 8, "TILE", 16)}. */
    static Map<String, Integer> of(Object... pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }
}
