package dev.evolve.engine.mutate.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * The line handling {@link EditParser} applies to a model's reply and the base source: newlines
 * normalized, blank edges trimmed, whitespace-normalized comparison, and short quotes of a
 * reply's lines for rejection messages.
 */
final class ReplyLines {

    /** Quotes of a reply's lines in messages are cut to this many characters. */
    static final int QUOTE_CHARS = 120;

    private ReplyLines() {
    }

    static String normalizeNewlines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** Lines of the text, newlines normalized, trailing whitespace stripped. */
    static List<String> lines(String text) {
        String[] raw = normalizeNewlines(text).split("\n", -1);
        List<String> out = new ArrayList<>(raw.length);
        for (String line : raw) {
            out.add(line.stripTrailing());
        }
        return out;
    }

    /** Lines of a text made of whole lines; an empty text has none, a final newline does not add an empty line. */
    static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> out = lines(text);
        if (text.endsWith("\n") || text.endsWith("\r")) {
            out.removeLast();
        }
        return out;
    }

    static String join(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    static List<String> trimBlankEdges(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return new ArrayList<>(lines.subList(from, to));
    }

    static String normalize(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    static List<String> normalizedNonBlank(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String n = normalize(line);
            if (!n.isEmpty()) {
                out.add(n);
            }
        }
        return out;
    }

    static List<String> nonBlankStripped(List<String> lines) {
        return lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static long chars(List<String> lines) {
        long n = 0;
        for (String line : lines) {
            n += line.length() + 1;
        }
        return n;
    }

    static String quote(List<String> lines) {
        for (String line : lines) {
            if (!line.isBlank()) {
                return "`" + clip(line.strip()) + "`";
            }
        }
        return "(empty)";
    }

    static String clip(String text) {
        return text.length() <= QUOTE_CHARS ? text : text.substring(0, QUOTE_CHARS) + "...";
    }
}
